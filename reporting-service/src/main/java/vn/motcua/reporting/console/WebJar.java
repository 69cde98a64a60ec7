package vn.motcua.reporting.console;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Properties;

/** Finds a file in an npm WebJar on the classpath by the version its pom.properties names. */
final class WebJar {
    private WebJar() {
    }

    static String path(String name, String file) {
        String properties = "META-INF/maven/org.webjars.npm/" + name + "/pom.properties";
        try (InputStream in = WebJar.class.getClassLoader().getResourceAsStream(properties)) {
            if (in == null) {
                throw new IllegalStateException("WebJar " + name + " is not on the classpath");
            }
            Properties p = new Properties();
            p.load(in);
            return "META-INF/resources/webjars/" + name + "/" + p.getProperty("version") + "/" + file;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
