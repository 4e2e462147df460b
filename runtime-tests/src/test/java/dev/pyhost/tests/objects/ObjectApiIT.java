package dev.pyhost.tests.objects;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.pyhost.api.ConversionException;
import dev.pyhost.api.Interpreter;
import dev.pyhost.api.PythonCallable;
import dev.pyhost.api.PythonCode;
import dev.pyhost.api.PythonComplex;
import dev.pyhost.api.PythonException;
import dev.pyhost.api.PythonObject;
import dev.pyhost.api.PythonRange;
import dev.pyhost.api.PythonScope;
import dev.pyhost.api.PythonTuple;
import dev.pyhost.api.PythonVersion;
import dev.pyhost.testkit.PyHostTest;
import dev.pyhost.testkit.RuntimeLifecycle;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;
import java.util.function.Supplier;
import dev.pyhost.api.RunOutcome;
import dev.pyhost.api.spi.ValueConverter;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The object API against real CPython: handles, calls, conversion both ways, scopes, compiled code, exceptions with
 * their chain and frames, Java functions called from Python, typed proxies. The POM runs this class once per
 * installed CPython 3.10-3.13 and once on the embedded 3.14.
 */
@PyHostTest(lifecycle = RuntimeLifecycle.PER_CLASS)
class ObjectApiIT {
    /** Seen through a Java interface. */
    public interface Counter extends AutoCloseable {
        long increment(long by);

        String name();

        default String describe() {
            return name() + "=" + increment(0);
        }

        @Override
        void close();
    }

    @Test
    void callsTakeJavaValuesWithoutQuotingThemIntoSource(Interpreter py) {
        try (PythonScope scope = py.newScope()) {
            scope.exec("def greet(name, punctuation='!'):\n    return 'Hello, ' + name + punctuation\n");
            String hostile = "'); import os; os._exit(3) #";
            try (PythonObject greet = scope.get("greet", PythonObject.class)) {
                assertEquals("Hello, " + hostile + "!", greet.invoke(String.class, hostile));
                try (PythonObject r = greet.call(List.of("Ada"), Map.of("punctuation", "?"))) {
                    assertEquals("Hello, Ada?", r.as(String.class));
                }
            }
            assertEquals("Hello, Bob!", scope.call("greet", "Bob"));
        }
    }

    @Test
    void handlesReadAndWriteAttributesItemsAndMethods(Interpreter py) {
        try (PythonScope scope = py.newScope()) {
            scope.exec("class Box:\n    def __init__(self):\n        self.items = {}\n    def put(self, k, v):\n"
                    + "        self.items[k] = v\n        return len(self.items)\n");
            try (PythonObject box = scope.eval("Box()", PythonObject.class)) {
                assertEquals("Box", box.typeName().substring(box.typeName().lastIndexOf('.') + 1));
                assertEquals(1L, box.invokeMethod("put", Long.class, "a", 1));
                assertEquals(2, box.invokeMethod("put", int.class, "b", List.of(1, 2)));
                try (PythonObject items = box.attr("items")) {
                    assertEquals(2L, items.size());
                    assertEquals(List.of(1L, 2L), items.item("b", List.class));
                    items.setItem("c", 3.5);
                    assertEquals(3.5, items.item("c").as(double.class));
                }
                box.setAttr("label", "crate");
                assertEquals("crate", box.attr("label", String.class));
                assertTrue(box.hasAttr("label"));
                assertFalse(box.hasAttr("missing"));
                PythonException e = assertThrows(PythonException.class, () -> box.attr("missing"));
                assertEquals("AttributeError", e.typeName());
                PythonException k = assertThrows(PythonException.class, () -> box.attr("items").item("zz"));
                assertEquals("KeyError", k.typeName());
            }
        }
    }

    @Test
    void closedHandlesRefuseUseAndCloseIsIdempotent(Interpreter py) {
        PythonObject list = py.eval("[1, 2, 3]", PythonObject.class);
        assertTrue(list.isOpen());
        assertEquals("[1, 2, 3]", list.repr());
        assertEquals("[1, 2, 3]", list.toString());
        list.close();
        list.close();
        assertFalse(list.isOpen());
        assertThrows(IllegalStateException.class, list::size);
        assertEquals("<closed Python object handle>", list.toString());
    }

    @Test
    void handlesAreEqualWhenTheyReferToTheSameObject(Interpreter py) {
        try (PythonScope scope = py.newScope()) {
            scope.exec("a = object()\nb = object()\n");
            try (PythonObject a1 = scope.get("a", PythonObject.class); PythonObject a2 = scope.get("a", PythonObject.class);
                    PythonObject b = scope.get("b", PythonObject.class)) {
                assertEquals(a1, a2);
                assertEquals(a1.hashCode(), a2.hashCode());
                assertNotEquals(a1, b);
                scope.set("c", a1);
                assertEquals(true, scope.eval("c is a"));
            }
        }
    }

    @Test
    void pythonValuesConvertToJava(Interpreter py, PythonVersion version) {
        assertNull(py.eval("None"));
        assertEquals(true, py.eval("True"));
        assertEquals(7L, py.eval("7"));
        assertEquals(new BigInteger("-340282366920938463463374607431768211456"), py.eval("-2**128"));
        assertEquals(0.25, py.eval("0.25"));
        assertEquals("\u00e9\ud83d\ude00\udc80", py.eval("'\\u00e9\\U0001F600\\udc80'"));
        assertArrayEquals(new byte[] {1, 2}, (byte[]) py.eval("b'\\x01\\x02'"));
        assertArrayEquals(new byte[] {3}, (byte[]) py.eval("bytearray(b'\\x03')"));
        Object tuple = py.eval("(1, 'a')");
        assertInstanceOf(PythonTuple.class, tuple);
        assertEquals(PythonTuple.of(1L, "a"), tuple);
        assertEquals("(1, a)", tuple.toString());
        Object list = py.eval("[1, 'a']");
        assertFalse(list instanceof PythonTuple, "a list is not a tuple");
        assertEquals(List.of(1L, "a"), list);
        assertEquals(Set.of(1L, 2L), py.eval("{1, 2}"));
        assertEquals(Set.of("x"), py.eval("frozenset({'x'})"));
        Map<Object, Object> map = new LinkedHashMap<>();
        map.put("z", 1L);
        map.put(PythonTuple.of(1L, 2L), null);
        assertEquals(map, py.eval("{'z': 1, (1, 2): None}"));
        assertEquals(List.of("z", PythonTuple.of(1L, 2L)), new ArrayList<>(((Map<?, ?>) py.eval(
                "{'z': 1, (1, 2): None}")).keySet()), "insertion order");
        assertEquals(new PythonComplex(1.5, -2.0), py.eval("complex(1.5, -2)"));
        assertEquals(new PythonRange(0, 10, 3), py.eval("range(0, 10, 3)"));
        assertEquals(new BigDecimal("3.14159"), py.eval("__import__('decimal').Decimal('3.14159')"));
        assertEquals(new BigDecimal("1.5E+3"), py.eval("__import__('decimal').Decimal('1.5E+3')"));
        assertEquals(LocalDate.of(2024, 2, 29), py.eval("__import__('datetime').date(2024, 2, 29)"));
        assertEquals(LocalDateTime.of(2024, 2, 29, 13, 14, 15, 16_000),
                py.eval("__import__('datetime').datetime(2024, 2, 29, 13, 14, 15, 16)"));
        assertEquals(OffsetDateTime.of(2024, 1, 2, 3, 4, 5, 0, ZoneOffset.ofHours(2)), py.eval(
                "__import__('datetime').datetime(2024, 1, 2, 3, 4, 5, tzinfo=__import__('datetime').timezone("
                        + "__import__('datetime').timedelta(hours=2)))"));
        assertEquals(LocalTime.of(23, 59, 1, 500_000), py.eval("__import__('datetime').time(23, 59, 1, 500)"));
        assertEquals(Duration.ofDays(-1).plusSeconds(86399).plusNanos(1000),
                py.eval("__import__('datetime').timedelta(microseconds=-999999)"));
        assertEquals(42L, py.eval("__import__('enum').IntEnum('E', 'A B').A * 42"), "an int subclass is an int");
        try (PythonObject other = assertInstanceOf(PythonObject.class, py.eval("object()"))) {
            assertEquals("object", other.typeName());
        }
        try (PythonObject nan = assertInstanceOf(PythonObject.class, py.eval("__import__('decimal').Decimal('NaN')"))) {
            assertEquals("decimal.Decimal", nan.typeName());
        }
        assertEquals(version.feature(), py.eval("'%d.%d' % __import__('sys').version_info[:2]"));
    }

    @Test
    void javaValuesConvertToPythonAndBack(Interpreter py) {
        try (PythonScope scope = py.newScope()) {
            List<Object> values = new ArrayList<>();
            values.add(null);
            values.add(true);
            values.add(12);
            values.add(12L);
            values.add((short) 3);
            values.add((byte) -4);
            values.add(new BigInteger("123456789012345678901234567890"));
            values.add(new BigInteger("-123456789012345678901234567890"));
            values.add(1.25);
            values.add(2.5f);
            values.add(new BigDecimal("-12.500"));
            values.add("na\u00efve \ud83d\ude00");
            values.add('c');
            values.add(new byte[] {9, 8});
            values.add(List.of(1, "two"));
            values.add(new LinkedHashSet<>(List.of("s")));
            values.add(Map.of("k", List.of()));
            values.add(PythonTuple.of(1, 2));
            values.add(Optional.of("present"));
            values.add(Optional.empty());
            values.add(new int[] {1, 2});
            values.add(new String[] {"x"});
            values.add(new PythonComplex(0, 1));
            values.add(new PythonRange(5, -5, -2));
            values.add(LocalDate.of(1999, 12, 31));
            values.add(LocalTime.of(1, 2, 3, 4_000));
            values.add(LocalDateTime.of(2000, 1, 1, 0, 0));
            values.add(OffsetDateTime.of(2000, 1, 1, 0, 0, 0, 0, ZoneOffset.ofHoursMinutes(-5, -30)));
            values.add(Instant.parse("2020-05-06T07:08:09.123456Z"));
            values.add(Duration.ofSeconds(90061, 1000));
            scope.set("values", values);
            assertEquals("[None, True, 12, 12, 3, -4, 123456789012345678901234567890, "
                    + "-123456789012345678901234567890, 1.25, 2.5, Decimal('-12.500'), 'na\u00efve \ud83d\ude00', 'c', "
                    + "b'\\t\\x08', [1, 'two'], {'s'}, {'k': []}, (1, 2), 'present', None, [1, 2], ['x'], 1j, "
                    + "range(5, -5, -2), datetime.date(1999, 12, 31), datetime.time(1, 2, 3, 4), "
                    + "datetime.datetime(2000, 1, 1, 0, 0), datetime.datetime(2000, 1, 1, 0, 0, "
                    + "tzinfo=datetime.timezone(datetime.timedelta(days=-1, seconds=66600))), "
                    + "datetime.datetime(2020, 5, 6, 7, 8, 9, 123456, tzinfo=datetime.timezone.utc), "
                    + "datetime.timedelta(days=1, seconds=3661, microseconds=1)]",
                    scope.eval("repr(values)"));
            assertEquals(new BigDecimal("-12.500"), scope.eval("values[10]"));
            assertEquals(LocalDate.of(1999, 12, 31), scope.eval("values[24]"));
            assertEquals(Instant.parse("2020-05-06T07:08:09.123456Z"), scope.eval("values[28]", Instant.class));
            assertEquals(Duration.ofSeconds(90061, 1000), scope.eval("values[29]"));
        }
    }

    @Test
    void conversionToAJavaTypeChecksTheValue(Interpreter py) {
        assertEquals(5, py.eval("5", Integer.class));
        assertEquals(5, (int) py.eval("5", int.class));
        assertEquals(5.0, py.eval("5", Double.class), "an int widens to a double");
        assertEquals(new BigDecimal("5"), py.eval("5", BigDecimal.class));
        ConversionException big = assertThrows(ConversionException.class, () -> py.eval("2**40", Integer.class));
        assertTrue(big.getMessage().contains("1099511627776"), big.getMessage());
        ConversionException str = assertThrows(ConversionException.class, () -> py.eval("'x'", Long.class));
        assertEquals("Cannot convert a Python str to java.lang.Long", str.getMessage());
        assertThrows(ConversionException.class, () -> py.eval("1", String.class));
        assertThrows(ConversionException.class, () -> py.eval("1", Boolean.class));
        assertEquals(List.of(1L, 2L), py.eval("(1, 2)", List.class));
        assertEquals(Optional.of(3L), py.eval("3", Optional.class));
        ConversionException none = assertThrows(ConversionException.class, () -> py.toPython(new Object()));
        assertTrue(none.getMessage().contains("ValueConverter"), none.getMessage());
    }

    @Test
    void scopesAreSeparateFromEachOtherAndFromMain(Interpreter py) {
        try (PythonScope a = py.newScope(); PythonScope b = py.newScope()) {
            a.set("shared", "from a");
            b.set("shared", "from b");
            assertEquals("from a", a.eval("shared"));
            assertEquals("from b", b.eval("shared"));
            assertFalse(py.mainScope().contains("shared"));
            assertTrue(a.contains("shared"));
            a.remove("shared");
            a.remove("shared");
            assertFalse(a.contains("shared"));
            PythonException e = assertThrows(PythonException.class, () -> a.get("shared"));
            assertEquals("NameError", e.typeName());
            assertEquals("name 'shared' is not defined", e.pythonMessage());
            try (PythonObject globals = b.globals()) {
                assertEquals("from b", globals.item("shared", String.class));
            }
        }
        py.set("main_value", 9);
        assertEquals(9L, py.eval("main_value"));
        assertEquals(9L, py.eval("__import__('__main__').main_value"));
    }

    @Test
    void compiledCodeRunsAgainWithoutCompiling(Interpreter py) {
        try (PythonScope scope = py.newScope(); PythonCode next = scope.compile("counter + 1");
                PythonCode bump = scope.compile("counter = counter + 1")) {
            assertTrue(next.isExpression());
            assertFalse(bump.isExpression());
            scope.set("counter", 1);
            assertEquals(2L, next.run());
            assertNull(bump.run());
            assertNull(bump.run());
            assertEquals(4, next.run(Integer.class));
            PythonException syntax = assertThrows(PythonException.class, () -> scope.compile("def ("));
            assertEquals("SyntaxError", syntax.typeName());
        }
    }

    @Test
    void exceptionsCarryTheChainTheFramesAndTheObject(Interpreter py) {
        try (PythonScope scope = py.newScope()) {
            scope.exec("class Failure(Exception):\n    def __init__(self, code):\n        super().__init__('code %d' % code)\n"
                    + "        self.code = code\n"
                    + "def inner():\n    return {}['missing']\n"
                    + "def outer():\n    try:\n        inner()\n    except KeyError as e:\n        raise Failure(7) from e\n");
            PythonException e = assertThrows(PythonException.class, () -> scope.call("outer"));
            assertTrue(e.typeName().endsWith("Failure"), e.typeName());
            assertEquals("code 7", e.pythonMessage());
            assertEquals(7L, e.exception().orElseThrow().attr("code", Long.class));
            PythonException cause = assertInstanceOf(PythonException.class, e.getCause());
            assertEquals("KeyError", cause.typeName());
            StackTraceElement top = e.getStackTrace()[0];
            assertEquals("outer", top.getMethodName());
            assertTrue(top.getFileName().startsWith("<pyhost-input-"), top.getFileName());
            assertEquals(11, top.getLineNumber());
            assertEquals("inner", cause.getStackTrace()[0].getMethodName());
            boolean javaCallerBelow = false;
            for (StackTraceElement el : e.getStackTrace()) {
                javaCallerBelow |= el.getClassName().equals(ObjectApiIT.class.getName());
                assertFalse(el.getClassName().startsWith("dev.pyhost.cpython"), "no PyHost frames: " + el);
            }
            assertTrue(javaCallerBelow, "the Java frames of the call follow the Python ones");
            String tb = e.formattedTraceback();
            assertTrue(tb.contains("raise Failure(7) from e"), "source lines are shown:\n" + tb);
            assertTrue(tb.contains("The above exception was the direct cause"), tb);
            assertFalse(tb.contains("pyhost-objects") || tb.contains("describe") || tb.contains("encode"),
                    "no PyHost frames:\n" + tb);
        }
    }

    @Test
    void javaFunctionsAreCallableFromPythonAndTheirExceptionsComeBackUnchanged(Interpreter py) {
        try (PythonScope scope = py.newScope()) {
            Function<Object, Object> twice = x -> ((Long) x) * 2;
            scope.set("twice", twice);
            assertEquals(42L, scope.eval("twice(21)"));
            AtomicReference<Object[]> seen = new AtomicReference<>();
            scope.set("record", (PythonCallable) args -> {
                seen.set(args);
                return List.of(args.length);
            });
            assertEquals(List.of(3L), scope.eval("record(1, 'b', None)"));
            assertArrayEquals(new Object[] {1L, "b", null}, seen.get());
            Supplier<String> nested = () -> py.eval("'nested ' + str(6 * 7)", String.class);
            scope.set("nested", nested);
            assertEquals("nested 42", scope.eval("nested()"), "Java called from Python calls Python again");
            IllegalStateException boom = new IllegalStateException("boom");
            scope.set("fail", (Runnable) () -> {
                throw boom;
            });
            IllegalStateException thrown = assertThrows(IllegalStateException.class, () -> scope.eval("fail()"));
            assertSame(boom, thrown, "the same exception object comes back");
            scope.exec("try:\n    fail()\nexcept Exception as e:\n    caught = (type(e).__name__, type(e).__module__, "
                    + "e.java_class, str(e))\n");
            assertEquals(PythonTuple.of("JavaException", "pyhost", "java.lang.IllegalStateException",
                    "java.lang.IllegalStateException: boom"), scope.get("caught"));
            scope.exec("def wrap():\n    try:\n        fail()\n    except Exception as e:\n        raise ValueError('wrapped') from e\n");
            PythonException wrapped = assertThrows(PythonException.class, () -> scope.call("wrap"));
            assertSame(boom, wrapped.getCause(), "the Java exception is the cause of the Python one");
            PythonException arity = assertThrows(PythonException.class, () -> scope.eval("twice(1, 2)"));
            assertEquals("TypeError", arity.typeName());
        }
    }

    @Test
    void proxiesSeePythonObjectsThroughJavaInterfaces(Interpreter py) {
        try (PythonScope scope = py.newScope()) {
            scope.exec("class Counter:\n    closed = False\n    def __init__(self):\n        self.n = 0\n"
                    + "    def increment(self, by):\n        self.n += by\n        return self.n\n"
                    + "    def name(self):\n        return 'c'\n    def close(self):\n        Counter.closed = True\n");
            try (PythonObject obj = scope.eval("Counter()", PythonObject.class); Counter c = obj.proxy(Counter.class)) {
                assertEquals(2L, c.increment(2));
                assertEquals(5L, c.increment(3));
                assertEquals("c=5", c.describe());
                assertTrue(c.toString().startsWith("<"), c.toString());
            }
            assertEquals(true, scope.eval("Counter.closed"));
            try (Counter viaAs = scope.eval("Counter()", Counter.class)) {
                assertEquals(1L, viaAs.increment(1));
            }
        }
    }

    @Test
    void handlesUnreachableWithoutCloseAreReleased(Interpreter py) throws InterruptedException {
        try (PythonScope scope = py.newScope()) {
            scope.exec("import weakref\nclass T:\n    pass\nalive = weakref.WeakSet()\n"
                    + "def make():\n    t = T()\n    alive.add(t)\n    return t\n");
            for (int i = 0; i < 200; i++) {
                scope.call("make");
            }
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            long left;
            do {
                System.gc();
                Thread.sleep(20);
                left = scope.eval("len(alive)", Long.class);
            } while (left > 0 && System.nanoTime() < deadline);
            assertEquals(0L, left, "every dropped handle released its object");
        }
    }

    @Test
    void runFileAndRunModuleSetArgvAndPathZeroAsPythonDoesAndRestoreThem(Interpreter py, @TempDir Path dir)
            throws IOException {
        String record = "import builtins, os, sys\nbuiltins._pyhost_seen = (list(sys.argv), sys.path[0], os.getcwd())\n";
        Path script = Files.writeString(dir.resolve("prog.py"), record);
        Files.writeString(dir.resolve("pyhost_argv_probe.py"), record);
        Object argvBefore = py.eval("list(__import__('sys').argv)");
        Object pathBefore = py.eval("list(__import__('sys').path)");

        assertEquals(new RunOutcome.Completed(), py.runFile(script, List.of("a", "b c")));
        PythonTuple seen = py.eval("__import__('builtins')._pyhost_seen", PythonTuple.class);
        assertEquals(List.of(script.toAbsolutePath().toString(), "a", "b c"), seen.get(0));
        assertEquals(dir.toRealPath().toString(), seen.get(1), "sys.path[0] is the script's directory");

        py.exec("import sys\nsys.path.append(" + py.toPython(dir.toString()).repr() + ")");
        assertEquals(new RunOutcome.Completed(), py.runModule("pyhost_argv_probe", List.of("--flag")));
        seen = py.eval("__import__('builtins')._pyhost_seen", PythonTuple.class);
        assertEquals(List.of(dir.resolve("pyhost_argv_probe.py").toString(), "--flag"), seen.get(0));
        assertEquals(seen.get(2), seen.get(1), "sys.path[0] is the working directory, as python -m sets it");

        assertEquals(argvBefore, py.eval("list(__import__('sys').argv)"), "sys.argv restored");
        py.exec("import sys\nsys.path.pop()");
        assertEquals(pathBefore, py.eval("list(__import__('sys').path)"), "sys.path restored");
    }

    /** A Java type of the application, converted by a converter it registers. */
    public record Money(long cents, String currency) {
    }

    @Test
    void aValueConverterHandlesTypesTheTableDoesNot(Interpreter py) {
        try (PythonScope scope = py.newScope()) {
            scope.exec("class Money:\n    def __init__(self, cents, currency):\n        self.cents = cents\n"
                    + "        self.currency = currency\n");
            scope.exec("import sys\nsys.modules['pyhost_money'] = type(sys)('pyhost_money')\n"
                    + "Money.__module__ = 'pyhost_money'\nsys.modules['pyhost_money'].Money = Money\n");
            py.addConverter(new ValueConverter<Money>() {
                @Override
                public Class<Money> javaType() {
                    return Money.class;
                }

                @Override
                public Optional<String> pythonType() {
                    return Optional.of("pyhost_money.Money");
                }

                @Override
                public PythonObject toPython(Money value, Interpreter interpreter) {
                    try (PythonObject module = interpreter.importModule("pyhost_money");
                            PythonObject cls = module.attr("Money")) {
                        return cls.call(value.cents(), value.currency());
                    }
                }

                @Override
                public Money toJava(PythonObject value) {
                    return new Money(value.attr("cents", Long.class), value.attr("currency", String.class));
                }
            });
            scope.set("price", new Money(1999, "EUR"));
            assertEquals("EUR 1999", scope.eval("price.currency + ' ' + str(price.cents)"));
            assertEquals(new Money(500, "USD"), scope.eval("Money(500, 'USD')"), "default conversion by Python type");
            assertEquals(new Money(7, "GBP"), scope.eval("Money(7, 'GBP')", Money.class));
            assertEquals(List.of(new Money(1, "X")), scope.eval("[Money(1, 'X')]"));
        }
    }

    @Test
    void aValueConverterOnTheClassPathIsFoundThroughServiceLoader(Interpreter py) {
        try (PythonScope scope = py.newScope()) {
            scope.exec("from fractions import Fraction");
            assertEquals(new Fraction(3, 4), scope.eval("Fraction(6, 8)"));
            scope.set("half", new Fraction(1, 2));
            assertEquals("Fraction(1, 2)", scope.eval("repr(half)"));
            assertEquals(new Fraction(5, 4), scope.eval("half + Fraction(3, 4)", Fraction.class));
        }
    }
}
