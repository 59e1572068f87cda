package io.econtext.core;

/**
 * A typed, named setting of a router that a module other than the core defines (a transport's router-wide default),
 * set with {@link RouterOptions#with} and read by the module with {@link RouterOptions#setting}.
 *
 * <pre>{@code
 * public static final RouterSetting<SshClientKind> DEFAULT_CLIENT =
 *         RouterSetting.of("ssh.defaultClient", SshClientKind.class, SshClientKind.OPENSSH);
 *
 * Router router = Econtext.newRouter(RouterOptions.defaults().with(Ssh.DEFAULT_CLIENT, SshClientKind.EMBEDDED));
 * }</pre>
 *
 * <p>Settings are equal by identity: define each once, as a constant.
 */
public final class RouterSetting<T> {
    private final String name;
    private final Class<T> type;
    private final T defaultValue;

    private RouterSetting(String name, Class<T> type, T defaultValue) {
        this.name = name;
        this.type = type;
        this.defaultValue = defaultValue;
    }

    /**
     * A setting named {@code name} (for messages), of {@code type}, worth {@code defaultValue} until set.
     *
     * @throws IllegalArgumentException when the name or type is missing, or the default is not of the type
     */
    public static <T> RouterSetting<T> of(String name, Class<T> type, T defaultValue) {
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException("name : '" + name + "' (expected: e.g. ssh.defaultClient)");
        }
        if (type == null) {
            throw new IllegalArgumentException("type : null (expected: the class of the setting's values)");
        }
        if (defaultValue != null && !type.isInstance(defaultValue)) {
            throw new IllegalArgumentException(
                    "defaultValue : " + defaultValue + " (expected: a " + type.getName() + ")");
        }
        return new RouterSetting<>(name, type, defaultValue);
    }

    public String name() {
        return name;
    }

    public Class<T> type() {
        return type;
    }

    public T defaultValue() {
        return defaultValue;
    }

    @Override
    public String toString() {
        return name;
    }
}
