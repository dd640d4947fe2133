package dev.coffer.web;

import org.springframework.http.ResponseEntity;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The answer of an idempotent service call (the same one the JSON API returns), read back for a page: success with
 * its JSON, or the problem's code and human detail.
 */
public record FormResult(boolean ok, boolean replayed, JsonNode json, String code, String detail) {

    public static FormResult of(ResponseEntity<String> response, JsonMapper mapper) {
        var json = mapper.readTree(response.getBody());
        boolean replayed = "true".equals(response.getHeaders().getFirst("Idempotent-Replayed"));
        if (response.getStatusCode().is2xxSuccessful()) {
            return new FormResult(true, replayed, json, null, null);
        }
        return new FormResult(false, replayed, json, json.path("code").asString(), json.path("detail").asString());
    }
}
