package io.rubrique.server;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;

/**
 * Same-origin checks on request headers: whether a {@code Host} names this machine's loopback (so that a name
 * rebound to 127.0.0.1 by a hostile DNS server is refused), and whether an {@code Origin} is the origin the request
 * was addressed to.
 */
final class Origins {
    private Origins() {
    }

    /** True for {@code localhost}, {@code 127.x.y.z} and {@code [::1]}, with or without a port. */
    static boolean isLoopbackHost(String hostHeader) {
        String name = hostName(hostHeader.trim()).toLowerCase(Locale.ROOT);
        if (name.equals("localhost") || name.equals("[::1]")) {
            return true;
        }
        String[] parts = name.split("\\.", -1);
        if (parts.length != 4 || !parts[0].equals("127")) {
            return false;
        }
        for (String p : parts) {
            if (p.isEmpty() || p.length() > 3 || !p.chars().allMatch(Character::isDigit) || Integer.parseInt(p) > 255) {
                return false;
            }
        }
        return true;
    }

    /**
     * True when {@code origin} (scheme://host[:port]) names the same host and port as the {@code Host} header;
     * the opaque origin {@code null} (sandboxed frames, files) never matches.
     */
    static boolean sameOrigin(String origin, String hostHeader) {
        if (hostHeader == null) {
            return false;
        }
        URI o;
        try {
            o = new URI(origin.trim());
        } catch (URISyntaxException e) {
            return false;
        }
        if (o.getHost() == null || o.getScheme() == null) {
            return false;
        }
        String scheme = o.getScheme().toLowerCase(Locale.ROOT);
        int defaultPort = scheme.equals("https") ? 443 : 80;
        int originPort = o.getPort() < 0 ? defaultPort : o.getPort();
        String host = hostHeader.trim().toLowerCase(Locale.ROOT);
        String hostName = hostName(host);
        String portPart = host.substring(hostName.length());
        int hostPort;
        try {
            hostPort = portPart.isEmpty() ? defaultPort : Integer.parseInt(portPart.substring(1));
        } catch (NumberFormatException e) {
            return false;
        }
        String originHost = o.getHost().toLowerCase(Locale.ROOT);
        if (originHost.contains(":") && !originHost.startsWith("[")) {
            originHost = "[" + originHost + "]";
        }
        return originHost.equals(hostName) && originPort == hostPort;
    }

    /** The host part of a Host header: {@code [::1]:8081} gives {@code [::1]}, {@code a:8081} gives {@code a}. */
    private static String hostName(String host) {
        if (host.startsWith("[")) {
            int end = host.indexOf(']');
            return end < 0 ? host : host.substring(0, end + 1);
        }
        int colon = host.lastIndexOf(':');
        return colon < 0 ? host : host.substring(0, colon);
    }
}
