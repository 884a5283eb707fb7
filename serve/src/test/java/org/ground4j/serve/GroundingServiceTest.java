package org.ground4j.serve;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.ConnectException;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.NetworkInterface;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.zip.CRC32;
import javax.imageio.ImageIO;
import org.ground4j.infer.Grounder;
import org.ground4j.infer.ImageInput;
import org.ground4j.infer.ReportJson;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The HTTP service on the loopback: the answers of the Grounder, every limit and error as JSON, concurrency. */
class GroundingServiceTest {

    static final ObjectMapper JSON = new ObjectMapper();
    static final String REPORT = "FINDINGS: Small left pleural effusion. No pneumothorax. Cardiomegaly.";

    @TempDir
    static Path dir;

    static Grounder grounder;
    static GroundingService service;
    static byte[][] images = new byte[3][];
    static final HttpClient HTTP = HttpClient.newHttpClient();

    @BeforeAll
    static void start() throws IOException {
        Path model = TinyModel.write(
                dir.resolve("model"),
                List.of(REPORT, "Right lower lobe consolidation.", "Heart size is normal."),
                "service test");
        for (int i = 0; i < images.length; i++) {
            images[i] = png(96 + 8 * i, 80, i);
        }
        grounder = Grounder.load(model);
        service = GroundingService.start(
                grounder,
                ServeConfig.DEFAULT
                        .withPort(0)
                        .withMaxBodyBytes(64 * 1024)
                        .withMaxReportChars(500)
                        .withMaxSentences(8));
    }

    @AfterAll
    static void stop() {
        service.close();
        grounder.close();
    }

    @Test
    void aJsonRequestGetsTheJsonOfGroundForTheSameImageAndReport() throws Exception {
        HttpResponse<String> r =
                postJson(body(images[0], "cxr.png").put("report", REPORT).toString());
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        assertThat(r.headers().firstValue("content-type").orElse("")).startsWith("application/json");
        JsonNode expected = ReportJson.report(grounder.groundReport(ImageInput.of(images[0], "cxr.png"), REPORT));
        assertThat(JSON.readTree(r.body())).isEqualTo(expected);
        assertThat(expected.get("sentences")).hasSize(3);
    }

    @Test
    void aMultipartUploadGetsTheSameAnswerAsJson() throws Exception {
        HttpResponse<String> multipart = postMultipart(images[1], "cxr.png", Map.of("report", List.of(REPORT)));
        HttpResponse<String> json =
                postJson(body(images[1], "cxr.png").put("report", REPORT).toString());
        assertThat(multipart.statusCode()).as(multipart.body()).isEqualTo(200);
        assertThat(JSON.readTree(multipart.body())).isEqualTo(JSON.readTree(json.body()));
    }

    @Test
    void aListOfSentencesIsGroundedAsTheGroundersSentences() throws Exception {
        List<String> sentences = List.of("Small left pleural effusion.", "Cardiomegaly.");
        ObjectNode b = body(images[2], "lat.png");
        sentences.forEach(b.putArray("sentences")::add);
        HttpResponse<String> r = postJson(b.toString());
        assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
        JsonNode got = JSON.readTree(r.body());
        assertThat(got.get("width").asInt()).isEqualTo(112);
        var expected = grounder.groundSentences(ImageInput.of(images[2], "lat.png"), sentences);
        for (int i = 0; i < sentences.size(); i++) {
            JsonNode s = got.get("sentences").get(i);
            assertThat(s.get("text").asText()).isEqualTo(sentences.get(i));
            assertThat(s.get("scores")).hasSize(expected.get(i).size());
            for (int k = 0; k < expected.get(i).size(); k++) {
                assertThat(s.get("scores").get(k).asDouble())
                        .isEqualTo(expected.get(i).get(k).score());
                assertThat(s.get("boxes").get(k).get(0).asDouble())
                        .isEqualTo(expected.get(i).get(k).box().x1());
            }
        }
    }

    @Test
    void everyBadRequestIsAJsonErrorWithItsStatus() throws Exception {
        byte[] big = new byte[80 * 1024];
        new Random(1).nextBytes(big);
        Object[][] cases = {
            {postJson("{\"image\": "), 400, "malformed JSON"},
            {postJson("[1, 2]"), 400, "expected a JSON object"},
            {postJson("{\"report\": \"Effusion.\"}"), 400, "\"image\" (the image file in base64) is missing"},
            {postJson("{\"image\": \"%%%\", \"report\": \"Effusion.\"}"), 400, "\"image\" is not base64"},
            {postJson(body(images[0], "x.png").toString()), 400, "give either \"report\""},
            {
                postJson(body(images[0], "x.png")
                        .put("report", "Effusion.")
                        .set("sentences", JSON.createArrayNode().add("Effusion."))),
                400,
                "not both"
            },
            {postJson(body(images[0], "x.png").put("report", 7).toString()), 400, "\"report\" must be a string"},
            {
                postJson(body("not an image".getBytes(StandardCharsets.UTF_8), "notes.png")
                        .put("report", "Effusion.")
                        .toString()),
                422,
                "notes.png: not a PNG, JPEG or DICOM file"
            },
            {
                postJson(body(pngDeclaring(30_000), "bomb.png")
                        .put("report", "Effusion.")
                        .toString()),
                413,
                "bomb.png: declares 30000 x 30000 pixels"
            },
            {
                postJson(body(images[0], "x.png")
                        .put("report", "Effusion. ".repeat(60))
                        .toString()),
                413,
                "report of 600 characters is over the limit of 500"
            },
            {postJson(body(images[0], "x.png").put("report", "   ").toString()), 422, "empty report"},
            {postJson(body(big, "big.png").put("report", "Effusion.").toString()), 413, "over the limit of 65536"},
            {
                send(HttpRequest.newBuilder(uri("/v1/ground"))
                        .header("Content-Type", "text/plain")
                        .POST(HttpRequest.BodyPublishers.ofString("Effusion."))),
                415,
                "unsupported media type"
            },
            {postMultipart(null, null, Map.of("report", List.of("Effusion."))), 400, "multipart field \"image\""},
            {send(HttpRequest.newBuilder(uri("/v1/nothing")).GET()), 404, "no such endpoint: GET /v1/nothing"},
            {send(HttpRequest.newBuilder(uri("/v1/review")).GET()), 404, "no review file"},
            {send(HttpRequest.newBuilder(uri("/v1/ground")).GET()), 405, "GET is not allowed on /v1/ground"},
        };
        for (Object[] c : cases) {
            @SuppressWarnings("unchecked")
            HttpResponse<String> r = (HttpResponse<String>) c[0];
            assertThat(r.statusCode()).as("%s %s", r.statusCode(), r.body()).isEqualTo(c[1]);
            JsonNode err = JSON.readTree(r.body());
            assertThat(err.get("error").asText()).as(r.body()).contains((String) c[2]);
            assertThat(r.body()).doesNotContain("Exception").doesNotContain("\tat ");
        }
        // the service is still answering
        assertThat(send(HttpRequest.newBuilder(uri("/v1/health")).GET()).statusCode())
                .isEqualTo(200);
    }

    @Test
    void concurrentClientsGetExactlyTheAnswersOfSequentialCalls() throws Exception {
        List<String> bodies = new ArrayList<>();
        for (int i = 0; i < 12; i++) {
            bodies.add(body(images[i % 3], "i" + i + ".png")
                    .put("report", i % 2 == 0 ? REPORT : "Cardiomegaly.")
                    .toString());
        }
        List<String> sequential = new ArrayList<>();
        for (String b : bodies) {
            sequential.add(postJson(b).body());
        }
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Future<String>> futures = new ArrayList<>();
            for (String b : bodies) {
                futures.add(pool.submit(() -> postJson(b).body()));
            }
            for (int i = 0; i < bodies.size(); i++) {
                assertThat(futures.get(i).get()).isEqualTo(sequential.get(i));
            }
        } finally {
            pool.shutdown();
        }
    }

    @Test
    void healthModelAndMetricsDescribeTheService() throws Exception {
        postJson(body(images[0], "m.png").put("report", "Cardiomegaly.").toString());
        JsonNode model = JSON.readTree(
                send(HttpRequest.newBuilder(uri("/v1/model")).GET()).body());
        assertThat(model.get("threshold").asDouble()).isEqualTo(0.0);
        assertThat(model.get("fusion_iou").asDouble()).isEqualTo(0.1);
        assertThat(model.get("limits").get("max_image_pixels").asLong()).isEqualTo(100_000_000L);
        assertThat(model.get("limits").get("max_report_chars").asInt()).isEqualTo(500);
        assertThat(model.get("provenance").get("purpose").asText()).isEqualTo("service test");
        assertThat(model.get("config")).isNotNull();
        HttpResponse<String> metrics =
                send(HttpRequest.newBuilder(uri("/metrics")).GET());
        assertThat(metrics.headers().firstValue("content-type").orElse("")).startsWith("text/plain");
        assertThat(metrics.body())
                .contains("# TYPE ground4j_requests_total counter")
                .contains("ground4j_requests_total{path=\"/v1/ground\",status=\"200\"}")
                .contains("ground4j_request_seconds_count{path=\"/v1/ground\"}")
                .contains("ground4j_request_seconds_bucket{path=\"/v1/ground\",le=\"+Inf\"}");
    }

    @Test
    void byDefaultNothingListensBeyondTheLoopback() throws Exception {
        InetAddress outside = null;
        for (NetworkInterface nic : Collections.list(NetworkInterface.getNetworkInterfaces())) {
            for (InetAddress a : Collections.list(nic.getInetAddresses())) {
                if (a instanceof Inet4Address && !a.isLoopbackAddress() && nic.isUp()) {
                    outside = a;
                }
            }
        }
        Assumptions.assumeTrue(outside != null, "no non-loopback IPv4 address on this machine to test from");
        try (Socket s = new Socket(InetAddress.getLoopbackAddress(), service.port())) {
            assertThat(s.isConnected()).isTrue();
        }
        InetAddress address = outside;
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> new Socket(address, service.port()).close())
                .isInstanceOf(ConnectException.class);
    }

    // ---- helpers

    static URI uri(String path) {
        return URI.create("http://127.0.0.1:" + service.port() + path);
    }

    static ObjectNode body(byte[] image, String name) {
        return JSON.createObjectNode()
                .put("image", Base64.getEncoder().encodeToString(image))
                .put("name", name);
    }

    static HttpResponse<String> postJson(Object json) throws IOException, InterruptedException {
        return send(HttpRequest.newBuilder(uri("/v1/ground"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json.toString())));
    }

    static HttpResponse<String> send(HttpRequest.Builder b) throws IOException, InterruptedException {
        return HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    static HttpResponse<String> postMultipart(byte[] image, String filename, Map<String, List<String>> fields)
            throws IOException, InterruptedException {
        String boundary = "ground4j-test-boundary";
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (Map.Entry<String, List<String>> f : fields.entrySet()) {
            for (String v : f.getValue()) {
                out.writeBytes(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"" + f.getKey()
                                + "\"\r\n\r\n" + v + "\r\n")
                        .getBytes(StandardCharsets.UTF_8));
            }
        }
        if (image != null) {
            out.writeBytes(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"image\"; filename=\""
                            + filename + "\"\r\nContent-Type: image/png\r\n\r\n")
                    .getBytes(StandardCharsets.UTF_8));
            out.writeBytes(image);
            out.writeBytes("\r\n".getBytes(StandardCharsets.UTF_8));
        }
        out.writeBytes(("--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
        return send(HttpRequest.newBuilder(uri("/v1/ground"))
                .header("Content-Type", "multipart/form-data; boundary=" + boundary)
                .POST(HttpRequest.BodyPublishers.ofByteArray(out.toByteArray())));
    }

    static byte[] png(int w, int h, long seed) throws IOException {
        BufferedImage img = new BufferedImage(w, h, BufferedImage.TYPE_BYTE_GRAY);
        Random r = new Random(seed);
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                img.getRaster().setSample(x, y, 0, (x * 5 + y * 2 + r.nextInt(30)) % 256);
            }
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ImageIO.write(img, "png", out);
        return out.toByteArray();
    }

    /** A PNG header declaring {@code side} x {@code side} pixels, an empty image stream and the end chunk. */
    static byte[] pngDeclaring(int side) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(new byte[] {(byte) 0x89, 'P', 'N', 'G', 0x0D, 0x0A, 0x1A, 0x0A});
        out.writeBytes(chunk(
                "IHDR",
                ByteBuffer.allocate(13)
                        .putInt(side)
                        .putInt(side)
                        .put((byte) 8)
                        .put(new byte[4])
                        .array()));
        out.writeBytes(chunk("IDAT", new byte[] {0x78, (byte) 0x9C, 0x03, 0x00, 0x00, 0x00, 0x00, 0x01}));
        out.writeBytes(chunk("IEND", new byte[0]));
        return out.toByteArray();
    }

    static byte[] chunk(String type, byte[] data) {
        byte[] t = type.getBytes(StandardCharsets.US_ASCII);
        CRC32 crc = new CRC32();
        crc.update(t);
        crc.update(data);
        return ByteBuffer.allocate(12 + data.length)
                .putInt(data.length)
                .put(t)
                .put(data)
                .putInt((int) crc.getValue())
                .array();
    }
}
