package dev.coffer.platform;

import jakarta.servlet.http.HttpServletRequest;

/** Where a request came from, as far as we can tell: the remote address and a bounded User-Agent. */
public record ClientInfo(String ip, String userAgent) {

    private static final int MAX_USER_AGENT_CHARS = 256;

    public static ClientInfo from(HttpServletRequest request) {
        var agent = request.getHeader("User-Agent");
        if (agent == null) {
            agent = "";
        }
        agent = agent.replaceAll("\\p{Cntrl}", "");
        if (agent.length() > MAX_USER_AGENT_CHARS) {
            agent = agent.substring(0, MAX_USER_AGENT_CHARS);
        }
        return new ClientInfo(request.getRemoteAddr(), agent);
    }
}
