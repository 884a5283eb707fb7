package org.ground4j.serve;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.javalin.Javalin;
import io.javalin.config.SizeUnit;
import io.javalin.http.Context;
import io.javalin.http.HttpResponseException;
import io.javalin.http.UploadedFile;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import org.ground4j.core.InvalidInputException;
import org.ground4j.core.geometry.ScoredBox;
import org.ground4j.core.image.ImageHeaders;
import org.ground4j.core.image.ImageTooLargeException;
import org.ground4j.infer.GroundedReport;
import org.ground4j.infer.Grounder;
import org.ground4j.infer.ImageInput;
import org.ground4j.infer.ReportJson;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An HTTP grounding service over one {@link Grounder}, for callers that are not written in Java or that share one
 * model process:
 *
 * <ul>
 *   <li>{@code POST /v1/ground}: an image and a report (or a list of sentences), as {@code multipart/form-data}
 *       (file field {@code image}, text field {@code report}, or repeated {@code sentence} fields) or as JSON
 *       ({@code {"image": BASE64, "name": "...", "report": "..."}} or {@code "sentences": [...]}); the answer is the
 *       JSON of {@code ground4j ground}: {@code {"image", "width", "height", "sentences": [{"text", "start", "end",
 *       "boxes", "scores"}]}} ({@code start} and {@code end} only for a report, whose sentences the service splits).
 *   <li>{@code GET /}: a review page (plain HTML and JavaScript in the jar) that grounds an uploaded image and report
 *       through this service, shows each sentence's boxes in its own colour with their scores, filters them by a
 *       threshold slider, lets a reviewer reject boxes or mark a sentence as having no finding, and exports the
 *       reviewed study as JSON Lines samples (expert data for {@code ground4j train}) and as an {@code attach} line.
 *   <li>{@code GET /v1/health}, {@code GET /v1/model} (configuration, thresholds, image limits, provenance) and
 *       {@code GET /metrics} (request counts and latency histograms, Prometheus text).
 * </ul>
 *
 * <p>Every error is a JSON object {@code {"error": "..."}} naming the problem: 400 for a malformed request, 413 for a
 * body, report or image over the limits (an image's declared size is checked before any pixel is decoded), 415 for
 * another media type, 422 for an image that cannot be read or a report with nothing to ground, 500 without a stack
 * trace (which goes to the log). Requests run concurrently on the shared grounder, so N clients at once get exactly
 * the answers of N calls one after the other.
 *
 * <pre>{@code
 * try (Grounder g = Grounder.load(Path.of("models/demo"));
 *         GroundingService service = GroundingService.start(g, ServeConfig.DEFAULT.withPort(0))) {
 *     System.out.println("http://127.0.0.1:" + service.port() + "/v1/ground");
 *     ...
 * }
 * }</pre>
 */
public final class GroundingService implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(GroundingService.class);
    private static final ObjectMapper JSON = new ObjectMapper();

    /** The review page: resource, path, media type. */
    private static final String[][] PAGES = {
        {"index.html", "/", "text/html; charset=utf-8"},
        {"review.js", "/review/review.js", "text/javascript; charset=utf-8"},
        {"review.css", "/review/review.css", "text/css; charset=utf-8"}
    };

    private final Grounder grounder;
    private final ServeConfig cfg;
    private final RequestMetrics metrics = new RequestMetrics();
    private final Javalin app;
    private final ReviewSession review;

    private GroundingService(Grounder grounder, ServeConfig cfg) {
        this.grounder = grounder;
        this.cfg = cfg;
        this.review = cfg.review() == null ? null : new ReviewSession(cfg.review());
        this.app = Javalin.create(config -> {
            config.showJavalinBanner = false;
            config.http.maxRequestSize = cfg.maxBodyBytes();
            config.http.prefer405over404 = true;
            config.jetty.multipartConfig.maxTotalRequestSize(cfg.maxBodyBytes(), SizeUnit.BYTES);
            config.jetty.multipartConfig.maxFileSize(cfg.maxBodyBytes(), SizeUnit.BYTES);
            config.jetty.multipartConfig.maxInMemoryFileSize(1 << 20, SizeUnit.BYTES);
            config.requestLogger.http(
                    (ctx, ms) -> metrics.record(route(ctx), ctx.status().getCode(), ms / 1000.0));
        });
        app.post("/v1/ground", this::ground);
        for (String[] page : PAGES) {
            byte[] bytes = resource(page[0]);
            app.get(page[1], ctx -> ctx.contentType(page[2]).result(bytes));
        }
        app.get("/v1/review", ctx -> json(ctx, 200, session().overview()));
        app.get("/v1/review/{index}", ctx -> json(ctx, 200, session().study(index(ctx))));
        app.get("/v1/review/{index}/image", this::reviewImage);
        app.post("/v1/review/{index}", ctx -> {
            JsonNode body;
            try {
                body = JSON.readTree(ctx.bodyAsBytes());
            } catch (JsonProcessingException e) {
                throw new ApiException(400, "malformed JSON: " + e.getOriginalMessage());
            }
            try {
                int done = session().save(index(ctx), body);
                json(
                        ctx,
                        200,
                        JSON.createObjectNode()
                                .put("saved", body.path("id").asText())
                                .put("reviewed", done));
            } catch (IllegalArgumentException e) {
                throw new ApiException(400, e.getMessage());
            }
        });
        app.get("/v1/health", ctx -> json(ctx, 200, JSON.createObjectNode().put("status", "ok")));
        app.get("/v1/model", ctx -> json(ctx, 200, modelInfo()));
        app.get(
                "/metrics",
                ctx -> ctx.contentType("text/plain; version=0.0.4; charset=utf-8")
                        .result(metrics.prometheus()));
        app.exception(IndexOutOfBoundsException.class, (e, ctx) -> error(ctx, 404, e.getMessage()));
        app.exception(ApiException.class, (e, ctx) -> error(ctx, e.status, e.getMessage()));
        app.exception(ImageTooLargeException.class, (e, ctx) -> error(ctx, 413, e.getMessage()));
        app.exception(InvalidInputException.class, (e, ctx) -> error(ctx, 422, e.getMessage()));
        app.exception(
                HttpResponseException.class,
                (e, ctx) -> error(
                        ctx,
                        e.getStatus(),
                        e.getStatus() == 404
                                ? "no such endpoint: " + ctx.method() + " " + ctx.path()
                                : e.getMessage()));
        app.exception(Exception.class, (e, ctx) -> {
            LOG.error("{} {} failed", ctx.method(), ctx.path(), e);
            error(ctx, 500, "internal error (the service log has the details)");
        });
        app.error(404, ctx -> {
            if (ctx.result() == null || ctx.result().isEmpty()) { // an error of ours already says what is missing
                error(ctx, 404, "no such endpoint: " + ctx.method() + " " + ctx.path());
            }
        });
        app.error(405, ctx -> error(ctx, 405, ctx.method() + " is not allowed on " + ctx.path()));
    }

    /**
     * Starts the service on {@code cfg.host():cfg.port()}; closing it stops the server (the grounder stays open).
     *
     * @throws IllegalStateException when the port cannot be bound
     */
    public static GroundingService start(Grounder grounder, ServeConfig cfg) {
        GroundingService s = new GroundingService(grounder, cfg);
        try {
            s.app.start(cfg.host(), cfg.port());
        } catch (RuntimeException e) {
            if (s.review != null) {
                s.review.close();
            }
            throw e;
        }
        LOG.debug("grounding with {} on http://{}:{}", grounder.source(), cfg.host(), s.app.port());
        return s;
    }

    /** The port the service listens on (the free one chosen when the configuration asked for 0). */
    public int port() {
        return app.port();
    }

    /** Stops the server; requests in progress finish first. */
    @Override
    public void close() {
        app.stop();
        if (review != null) {
            review.close();
        }
    }

    private ReviewSession session() {
        if (review == null) {
            throw new ApiException(
                    404, "no review file: start the service with ground4j serve --review GROUNDED.jsonl");
        }
        return review;
    }

    private static int index(Context ctx) {
        try {
            return Integer.parseInt(ctx.pathParam("index"));
        } catch (NumberFormatException e) {
            throw new ApiException(400, "study index \"" + ctx.pathParam("index") + "\" is not a number");
        }
    }

    /** The study's image as the browser can show it: PNG and JPEG as they are. */
    private void reviewImage(Context ctx) throws IOException {
        java.nio.file.Path file = session().image(index(ctx));
        byte[] bytes;
        try {
            bytes = java.nio.file.Files.readAllBytes(file);
        } catch (java.nio.file.NoSuchFileException e) {
            throw new ApiException(404, file + ": no such image file");
        }
        String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
        if (name.endsWith(".png")) {
            ctx.contentType("image/png");
        } else if (name.endsWith(".jpg") || name.endsWith(".jpeg")) {
            ctx.contentType("image/jpeg");
        } else {
            throw new ApiException(415, file + ": the review page shows PNG and JPEG images; convert this one first");
        }
        ctx.result(bytes);
    }

    /** The route a request matched, or {@code "unmatched"} (metrics label one series per route, not per URL). */
    private static String route(Context ctx) {
        try {
            return ctx.endpointHandlerPath();
        } catch (IllegalStateException e) {
            return "unmatched";
        }
    }

    private void refuseOversizedBody(Context ctx) {
        long length = ctx.contentLength();
        if (length > cfg.maxBodyBytes()) {
            throw new ApiException(
                    413,
                    String.format(
                            Locale.ROOT,
                            "request body of %d bytes is over the limit of %d",
                            length,
                            cfg.maxBodyBytes()));
        }
    }

    /** One grounding request, multipart or JSON. */
    private void ground(Context ctx) throws IOException {
        refuseOversizedBody(ctx);
        Request req = ctx.isMultipartFormData() ? multipart(ctx) : jsonRequest(ctx);
        if ((req.report == null) == req.sentences.isEmpty()) {
            throw new ApiException(
                    400,
                    "give either \"report\" (a text) or \"sentences\" (a list), not "
                            + (req.report == null ? "neither" : "both"));
        }
        if (req.report != null && req.report.length() > cfg.maxReportChars()) {
            throw new ApiException(
                    413,
                    "report of " + req.report.length() + " characters is over the limit of " + cfg.maxReportChars());
        }
        if (req.sentences.size() > cfg.maxSentences()) {
            throw new ApiException(
                    413, req.sentences.size() + " sentences are over the limit of " + cfg.maxSentences());
        }
        // the declared size only, refused before the model; the grounder's decode checks the data itself, once
        ImageHeaders.Size size = ImageHeaders.size(req.image, req.name);
        grounder.imageLimits().check(size.width(), size.height(), req.name);
        ImageInput image = ImageInput.of(req.image, req.name);
        if (req.report != null) {
            GroundedReport r = grounder.groundReport(image, req.report);
            json(ctx, 200, ReportJson.report(r));
            return;
        }
        List<List<ScoredBox>> boxes = grounder.groundSentences(image, req.sentences);
        ObjectNode out = JSON.createObjectNode();
        out.put("image", req.name);
        out.put("width", size.width());
        out.put("height", size.height());
        ArrayNode sentences = out.putArray("sentences");
        for (int i = 0; i < boxes.size(); i++) {
            ReportJson.putBoxes(sentences.addObject().put("text", req.sentences.get(i)), boxes.get(i));
        }
        json(ctx, 200, out);
    }

    /** What a grounding request carries, whatever its media type. */
    private record Request(byte[] image, String name, String report, List<String> sentences) {}

    private Request multipart(Context ctx) throws IOException {
        UploadedFile file = ctx.uploadedFile("image");
        if (file == null) {
            throw new ApiException(400, "multipart field \"image\" (the image file) is missing");
        }
        byte[] bytes;
        try (InputStream in = file.content()) {
            bytes = in.readAllBytes();
        }
        String name = file.filename() == null || file.filename().isBlank() ? "upload" : file.filename();
        return new Request(bytes, name, ctx.formParam("report"), ctx.formParams("sentence"));
    }

    private Request jsonRequest(Context ctx) {
        String type = ctx.contentType() == null ? "" : ctx.contentType().toLowerCase(Locale.ROOT);
        if (!type.startsWith("application/json")) {
            throw new ApiException(
                    415,
                    "unsupported media type \"" + (type.isEmpty() ? "none" : ctx.contentType())
                            + "\": send application/json or multipart/form-data");
        }
        JsonNode body;
        try {
            body = JSON.readTree(ctx.bodyAsBytes());
        } catch (JsonProcessingException e) {
            throw new ApiException(400, "malformed JSON: " + e.getOriginalMessage());
        } catch (IOException e) {
            throw new ApiException(400, "unreadable body: " + e.getMessage());
        }
        if (body == null || !body.isObject()) {
            throw new ApiException(400, "expected a JSON object {\"image\": BASE64, \"report\": \"...\"}");
        }
        JsonNode image = body.get("image");
        if (image == null || !image.isTextual() || image.asText().isEmpty()) {
            throw new ApiException(400, "\"image\" (the image file in base64) is missing");
        }
        byte[] bytes;
        try {
            // line breaks and spaces are allowed (MIME base64), any other character outside the alphabet is not
            bytes = Base64.getDecoder().decode(image.asText().replaceAll("\\s+", ""));
        } catch (IllegalArgumentException e) {
            throw new ApiException(400, "\"image\" is not base64: " + e.getMessage());
        }
        JsonNode name = body.get("name");
        JsonNode report = body.get("report");
        if (report != null && !report.isTextual()) {
            throw new ApiException(400, "\"report\" must be a string");
        }
        List<String> sentences = new ArrayList<>();
        JsonNode list = body.get("sentences");
        if (list != null) {
            if (!list.isArray()) {
                throw new ApiException(400, "\"sentences\" must be a list of strings");
            }
            for (JsonNode s : list) {
                if (!s.isTextual()) {
                    throw new ApiException(400, "\"sentences\" must be a list of strings, found " + s);
                }
                sentences.add(s.asText());
            }
        }
        return new Request(
                bytes,
                name != null && name.isTextual() ? name.asText() : "upload",
                report == null ? null : report.asText(),
                sentences);
    }

    private ObjectNode modelInfo() {
        ObjectNode o = JSON.createObjectNode();
        o.put("model", grounder.source());
        o.set("config", JSON.valueToTree(grounder.config()));
        o.put("threshold", grounder.postProcessor().threshold());
        o.put("fusion_iou", grounder.postProcessor().fusionIou());
        o.put("relative_threshold", grounder.postProcessor().relativeThreshold());
        ObjectNode limits = o.putObject("limits");
        limits.put("max_image_pixels", grounder.imageLimits().maxPixels());
        limits.put("max_image_side", grounder.imageLimits().maxSide());
        limits.put("max_body_bytes", cfg.maxBodyBytes());
        limits.put("max_report_chars", cfg.maxReportChars());
        limits.put("max_sentences", cfg.maxSentences());
        o.set("provenance", JSON.valueToTree(grounder.provenance()));
        return o;
    }

    private static byte[] resource(String name) {
        try (InputStream in = GroundingService.class.getResourceAsStream("review/" + name)) {
            if (in == null) {
                throw new IllegalStateException("the review page's " + name + " is missing from the jar");
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static void json(Context ctx, int status, JsonNode body) {
        ctx.status(status).contentType("application/json").result(body.toString());
    }

    private static void error(Context ctx, int status, String message) {
        json(ctx, status, JSON.createObjectNode().put("error", message));
    }

    /** A request refused with this status and message. */
    private static final class ApiException extends RuntimeException {
        private static final long serialVersionUID = 1L;
        private final int status;

        ApiException(int status, String message) {
            super(message);
            this.status = status;
        }
    }
}
