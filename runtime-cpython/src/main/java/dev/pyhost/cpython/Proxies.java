package dev.pyhost.cpython;

import dev.pyhost.api.PythonObject;
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;

/**
 * Python objects seen through Java interfaces: each abstract method calls the Python method of the same name,
 * default methods run as written, {@code close()} of an {@link AutoCloseable} calls the object's own
 * {@code close()} when it has one and then releases the proxy's handle, and the
 * methods of {@link Object} are answered by the handle ({@code toString} is {@code repr}).
 */
final class Proxies {
    private Proxies() {
    }

    /** A proxy owning the handle. */
    static <T> T create(ObjectLayer layer, CPythonObject handle, Class<T> type) {
        if (!type.isInterface()) {
            handle.close();
            throw new IllegalArgumentException(type.getName() + " is not an interface");
        }
        ClassLoader loader = type.getClassLoader() != null ? type.getClassLoader() : Proxies.class.getClassLoader();
        return type.cast(Proxy.newProxyInstance(loader, new Class<?>[] {type}, new Handler(handle)));
    }

    private record Handler(PythonObject target) implements InvocationHandler {
        @Override
        public Object invoke(Object proxy, Method method, Object[] args) throws Throwable {
            Object[] a = args == null ? new Object[0] : args;
            if (method.getDeclaringClass() == Object.class) {
                return switch (method.getName()) {
                    case "toString" -> target.toString();
                    case "hashCode" -> target.hashCode();
                    case "equals" -> a[0] != null && Proxy.isProxyClass(a[0].getClass())
                            && Proxy.getInvocationHandler(a[0]) instanceof Handler h && h.target.equals(target);
                    default -> throw new UnsupportedOperationException(method.getName());
                };
            }
            if (method.isDefault()) {
                return InvocationHandler.invokeDefault(proxy, method, a);
            }
            if (method.getName().equals("close") && a.length == 0 && AutoCloseable.class.isAssignableFrom(
                    method.getDeclaringClass())) {
                try {
                    if (target.hasAttr("close")) {
                        target.callMethod("close").close();
                    }
                } finally {
                    target.close();
                }
                return null;
            }
            Class<?> returns = method.getReturnType();
            if (returns == void.class) {
                target.callMethod(method.getName(), a).close();
                return null;
            }
            return target.invokeMethod(method.getName(), returns, a);
        }
    }
}
