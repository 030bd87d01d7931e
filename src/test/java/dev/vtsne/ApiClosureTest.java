package dev.vtsne;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.lang.reflect.Constructor;
import java.lang.reflect.Executable;
import java.lang.reflect.Field;
import java.lang.reflect.GenericArrayType;
import java.lang.reflect.Member;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.lang.reflect.TypeVariable;
import java.lang.reflect.WildcardType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The API package is closed: every public or protected member of every type a user can see in
 * {@code dev.vtsne} (parameters, return types, throws, field types, supertypes, type arguments and
 * bounds) names only types of {@code dev.vtsne} itself or of {@code java.*}. A signature naming an
 * internal type would compile for a class-path user but not for a module-path one (the module
 * does not export it), and would freeze an internal class into the API.
 */
class ApiClosureTest {

    private static final String API = "dev.vtsne";

    @Test
    void apiSignaturesNameOnlyApiAndJavaTypes() throws Exception {
        List<Class<?>> types = apiTypes();
        assertTrue(types.stream().anyMatch(c -> c == TSne.class), "the scan found no TSne: " + types);
        Set<String> leaks = new TreeSet<>();
        for (Class<?> type : types) {
            for (Type t : supertypes(type)) {
                check(t, type.getName() + " (supertype)", leaks);
            }
            for (TypeVariable<?> v : type.getTypeParameters()) {
                check(v, type.getName() + " (type parameter)", leaks);
            }
            for (Field f : type.getDeclaredFields()) {
                if (visible(f, type) && !f.isSynthetic()) {
                    check(f.getGenericType(), type.getName() + "." + f.getName(), leaks);
                }
            }
            for (Constructor<?> c : type.getDeclaredConstructors()) {
                if (visible(c, type) && !c.isSynthetic()) {
                    checkExecutable(c, type, leaks);
                }
            }
            for (Method m : methods(type)) {
                checkExecutable(m, type, leaks);
            }
        }
        assertEquals(Set.of(), leaks, "API signatures naming types outside " + API + " and java.*");
    }

    /** The public types of the package and their public or protected member types, nested too. */
    private static List<Class<?>> apiTypes() throws IOException, ClassNotFoundException {
        Path dir = Path.of("target/classes/dev/vtsne");
        assertTrue(Files.isDirectory(dir), "run after compilation, from the project root");
        List<Class<?>> types = new ArrayList<>();
        try (Stream<Path> s = Files.list(dir)) {
            for (Path p : s.filter(f -> f.toString().endsWith(".class")).sorted().toList()) {
                String file = p.getFileName().toString();
                Class<?> c = Class.forName(API + "." + file.substring(0, file.length() - ".class".length()), false,
                        ApiClosureTest.class.getClassLoader());
                if (reachable(c)) {
                    types.add(c);
                }
            }
        }
        return types;
    }

    /** A type a user outside the package can name: public, and each enclosing type too. */
    private static boolean reachable(Class<?> c) {
        if (c.isAnonymousClass() || c.isLocalClass() || c.isSynthetic()) {
            return false;
        }
        for (Class<?> k = c; k != null; k = k.getDeclaringClass()) {
            int m = k.getModifiers();
            boolean nestedProtected = k.getDeclaringClass() != null && Modifier.isProtected(m) && !Modifier.isFinal(k.getDeclaringClass().getModifiers());
            if (!Modifier.isPublic(m) && !nestedProtected) {
                return false;
            }
        }
        return true;
    }

    private static boolean visible(Member m, Class<?> owner) {
        int mod = m.getModifiers();
        return Modifier.isPublic(mod) || (Modifier.isProtected(mod) && !Modifier.isFinal(owner.getModifiers()));
    }

    /** Declared visible methods, and public ones inherited from a superclass a user cannot see. */
    private static List<Method> methods(Class<?> type) {
        List<Method> out = new ArrayList<>();
        for (Method m : type.getDeclaredMethods()) {
            if (visible(m, type) && !m.isSynthetic() && !m.isBridge()) {
                out.add(m);
            }
        }
        for (Method m : type.getMethods()) {
            Class<?> from = m.getDeclaringClass();
            if (from != type && !from.getName().startsWith("java.") && !m.isBridge()) {
                out.add(m);
            }
        }
        return out;
    }

    private static List<Type> supertypes(Class<?> type) {
        List<Type> out = new ArrayList<>();
        if (type.getGenericSuperclass() != null) {
            out.add(type.getGenericSuperclass());
        }
        out.addAll(List.of(type.getGenericInterfaces()));
        return out;
    }

    private static void checkExecutable(Executable e, Class<?> owner, Set<String> leaks) {
        String where = owner.getName() + "." + (e instanceof Constructor ? "<init>" : e.getName()) + "(...)";
        if (e instanceof Method m) {
            check(m.getGenericReturnType(), where + " returns", leaks);
        }
        for (Type p : e.getGenericParameterTypes()) {
            check(p, where + " parameter", leaks);
        }
        for (Type x : e.getGenericExceptionTypes()) {
            check(x, where + " throws", leaks);
        }
        for (TypeVariable<?> v : e.getTypeParameters()) {
            check(v, where + " type parameter", leaks);
        }
    }

    private static void check(Type t, String where, Set<String> leaks) {
        check(t, where, leaks, new HashSet<>());
    }

    private static void check(Type t, String where, Set<String> leaks, Set<Type> seen) {
        if (!seen.add(t)) {
            return; // a recursive bound such as E extends Enum<E>
        }
        switch (t) {
            case Class<?> c -> {
                Class<?> k = c;
                while (k.isArray()) {
                    k = k.getComponentType();
                }
                if (!k.isPrimitive() && !allowed(k.getPackageName())) {
                    leaks.add(where + ": " + k.getName());
                }
            }
            case ParameterizedType p -> {
                check(p.getRawType(), where, leaks, seen);
                if (p.getOwnerType() != null) {
                    check(p.getOwnerType(), where, leaks, seen);
                }
                for (Type a : p.getActualTypeArguments()) {
                    check(a, where, leaks, seen);
                }
            }
            case GenericArrayType g -> check(g.getGenericComponentType(), where, leaks, seen);
            case WildcardType w -> {
                for (Type b : w.getUpperBounds()) {
                    check(b, where, leaks, seen);
                }
                for (Type b : w.getLowerBounds()) {
                    check(b, where, leaks, seen);
                }
            }
            case TypeVariable<?> v -> {
                for (Type b : v.getBounds()) {
                    check(b, where, leaks, seen);
                }
            }
            default -> leaks.add(where + ": unknown kind of type " + t);
        }
    }

    private static boolean allowed(String pkg) {
        return pkg.equals(API) || pkg.equals("java.lang") || pkg.startsWith("java.");
    }
}
