package dev.coffer.support;

import dev.coffer.platform.Db;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;

/**
 * Runs a repository's own SQL under {@code EXPLAIN (ANALYZE, FORMAT JSON)} and lists what makes a read grow with
 * the data instead of the page: a Sort, a sequential scan, or any node that really produced more rows than the page.
 */
public final class QueryPlans {

    private QueryPlans() {
    }

    /** The problems of {@code sql}'s plan with these parameters; empty when it reads no more than a page. */
    public static List<String> problems(JdbcClient jdbc, String sql, Map<String, Object> params, int pageRows) {
        var call = jdbc.sql("EXPLAIN (ANALYZE, FORMAT JSON) " + sql);
        for (var param : params.entrySet()) {
            call = call.param(param.getKey(), param.getValue() instanceof Instant at ? Db.at(at) : param.getValue());
        }
        var plan = Api.json().readTree(call.query(String.class).single());
        var problems = new ArrayList<String>();
        walk(plan.path(0).path("Plan"), pageRows, problems);
        if (!problems.isEmpty()) {
            problems.add("plan: " + plan);
        }
        return problems;
    }

    private static void walk(JsonNode node, int pageRows, List<String> problems) {
        var type = node.path("Node Type").asString();
        if (type.contains("Sort") || type.equals("Seq Scan")) {
            problems.add(type + " " + node.path("Relation Name").asString(""));
        }
        if (node.path("Actual Rows").asDouble() > pageRows) {
            problems.add(type + " produced " + node.path("Actual Rows") + " rows");
        }
        node.path("Plans").forEach(child -> walk(child, pageRows, problems));
    }
}
