package dev.pyhost.cpython;

import dev.pyhost.api.PythonCode;

/** A {@link PythonCode}: an owned code object and the scope it runs in. */
final class CPythonCode implements PythonCode {
    private final CPythonScope scope;
    private final CPythonObject code;
    private final boolean expression;

    CPythonCode(CPythonScope scope, CPythonObject code, boolean expression) {
        this.scope = scope;
        this.code = code;
        this.expression = expression;
    }

    @Override
    public boolean isExpression() {
        return expression;
    }

    @Override
    public Object run() {
        return scope.run(code, expression, Object.class);
    }

    @Override
    public <T> T run(Class<T> type) {
        java.util.Objects.requireNonNull(type, "type");
        return scope.run(code, expression, type);
    }

    @Override
    public void close() {
        code.close();
    }

    @Override
    public String toString() {
        return "PythonCode[" + (expression ? "expression" : "statements") + (code.isOpen() ? "]" : ", closed]");
    }
}
