package vn.motcua.testsupport;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * The JSON parser of {@link JsonHttp} for the modules on Jackson 2 (reporting on Micronaut, deploy):
 * {@code JsonHttp.at(url, Jackson2::tree)}. The Spring services pass their Jackson 3 mapper's {@code readTree}.
 * Jackson 2 is an optional dependency of test-support: only a module that has it loads this class.
 */
public final class Jackson2 {
    private static final ObjectMapper JSON = new ObjectMapper();

    private Jackson2() {
    }

    public static JsonNode tree(String json) {
        try {
            return JSON.readTree(json);
        } catch (JsonProcessingException e) {
            throw new AssertionError("not JSON: " + json, e);
        }
    }
}
