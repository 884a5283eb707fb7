package org.ground4j.serve;

/**
 * Where the service listens and the limits of a request. The image limits (pixels, side) are the grounder's
 * ({@code GrounderOptions.withImageLimits}).
 *
 * <pre>{@code
 * ServeConfig cfg = ServeConfig.DEFAULT.withPort(0);   // loopback, any free port
 * }</pre>
 *
 * @param host            the address to bind; {@code 127.0.0.1} (the loopback, the default) answers only this machine
 * @param port            the port, 0 for any free one
 * @param maxBodyBytes    the largest request body, image included
 * @param maxReportChars  the longest report text
 * @param maxSentences    the most sentences in one request
 * @param review          an {@code attach} output whose studies the review page steps through ({@link ReviewSession}),
 *                        or {@code null}
 */
public record ServeConfig(
        String host, int port, long maxBodyBytes, int maxReportChars, int maxSentences, java.nio.file.Path review) {

    /** Loopback, port 8080, 32 MiB bodies, 20000-character reports, 64 sentences, no review file. */
    public static final ServeConfig DEFAULT = new ServeConfig("127.0.0.1", 8080, 32L << 20, 20_000, 64, null);

    /** Without a review file. */
    public ServeConfig(String host, int port, long maxBodyBytes, int maxReportChars, int maxSentences) {
        this(host, port, maxBodyBytes, maxReportChars, maxSentences, null);
    }

    /** @throws IllegalArgumentException for a port outside [0, 65535] or a limit that is not positive */
    public ServeConfig {
        if (host == null || host.isBlank()) {
            throw new IllegalArgumentException("host must be an address to bind, e.g. 127.0.0.1");
        }
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("port must lie in [0, 65535], got " + port);
        }
        if (maxBodyBytes < 1 || maxReportChars < 1 || maxSentences < 1) {
            throw new IllegalArgumentException("request limits must be positive, got body " + maxBodyBytes
                    + " bytes, report " + maxReportChars + " characters, " + maxSentences + " sentences");
        }
    }

    public ServeConfig withReview(java.nio.file.Path file) {
        return new ServeConfig(host, port, maxBodyBytes, maxReportChars, maxSentences, file);
    }

    public ServeConfig withHost(String h) {
        return new ServeConfig(h, port, maxBodyBytes, maxReportChars, maxSentences, review);
    }

    public ServeConfig withPort(int p) {
        return new ServeConfig(host, p, maxBodyBytes, maxReportChars, maxSentences, review);
    }

    public ServeConfig withMaxBodyBytes(long b) {
        return new ServeConfig(host, port, b, maxReportChars, maxSentences, review);
    }

    public ServeConfig withMaxReportChars(int c) {
        return new ServeConfig(host, port, maxBodyBytes, c, maxSentences, review);
    }

    public ServeConfig withMaxSentences(int n) {
        return new ServeConfig(host, port, maxBodyBytes, maxReportChars, n, review);
    }
}
