package org.ground4j.core.io;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import org.ground4j.core.InvalidInputException;
import org.ground4j.core.model.StateDict;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The safetensors format (8-byte little-endian header length, a JSON header of
 * {@code name: {dtype, shape, data_offsets}}, then raw little-endian bytes): how PyTorch and HuggingFace
 * weights reach ground4j, and how checkpoints store weights. F32, F64, F16, BF16 read as FLOAT (F64 as
 * DOUBLE); I64, I32 as integers. Writing stores F32 (and integer tensors as they are).
 *
 * <pre>{@code
 * SafeTensors.File f = SafeTensors.read(Path.of("resnet101.safetensors"));
 * StateDict weights = f.tensors();
 * SafeTensors.write(Path.of("out.safetensors"), weights, Map.of("format", "pt"));
 * }</pre>
 */
public final class SafeTensors {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final long MAX_HEADER = 100L << 20;

    /** What a file holds: tensors in file order, and the {@code __metadata__} strings. */
    public record File(StateDict tensors, Map<String, String> metadata) {}

    private SafeTensors() {}

    /** Reads a whole file; errors name the file and the tensor. */
    public static File read(Path path) {
        try (FileChannel ch = FileChannel.open(path, StandardOpenOption.READ)) {
            long size = ch.size();
            if (size < 8) {
                throw new InvalidInputException(path + ": not a safetensors file (" + size + " bytes, truncated?)");
            }
            ByteBuffer lenBuf = ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN);
            readFully(ch, lenBuf, 0, path);
            long headerLen = lenBuf.flip().getLong();
            if (headerLen <= 0 || headerLen > MAX_HEADER || 8 + headerLen > size) {
                throw new InvalidInputException(path + ": bad safetensors header length " + headerLen
                        + " for a file of " + size + " bytes (truncated or not safetensors)");
            }
            ByteBuffer hb = ByteBuffer.allocate((int) headerLen);
            readFully(ch, hb, 8, path);
            JsonNode header = JSON.readTree(new String(hb.array(), StandardCharsets.UTF_8));
            long dataStart = 8 + headerLen;
            StateDict tensors = new StateDict();
            Map<String, String> meta = new LinkedHashMap<>();
            Iterator<Map.Entry<String, JsonNode>> it = header.fields();
            while (it.hasNext()) {
                var e = it.next();
                if (e.getKey().equals("__metadata__")) {
                    e.getValue()
                            .fields()
                            .forEachRemaining(
                                    m -> meta.put(m.getKey(), m.getValue().asText()));
                    continue;
                }
                tensors.put(e.getKey(), tensor(ch, path, e.getKey(), e.getValue(), dataStart, size));
            }
            return new File(tensors, meta);
        } catch (NoSuchFileException e) {
            throw new InvalidInputException(path + ": no such file");
        } catch (IOException e) {
            throw new InvalidInputException(path + ": cannot read safetensors: " + e.getMessage(), e);
        }
    }

    private static INDArray tensor(FileChannel ch, Path path, String name, JsonNode info, long dataStart, long size)
            throws IOException {
        String dtype = info.path("dtype").asText();
        JsonNode shapeNode = info.path("shape"), off = info.path("data_offsets");
        long[] shape = new long[shapeNode.size()];
        long count = 1;
        for (int i = 0; i < shape.length; i++) {
            shape[i] = shapeNode.get(i).asLong();
            count *= shape[i];
        }
        int width = switch (dtype) {
            case "F64", "I64" -> 8;
            case "F32", "I32" -> 4;
            case "F16", "BF16" -> 2;
            default ->
                throw new InvalidInputException(path + ": tensor \"" + name + "\" has unsupported dtype " + dtype
                        + " (supported: F32, F64, F16, BF16, I64, I32)");
        };
        long begin = off.get(0).asLong(), end = off.get(1).asLong();
        if (end - begin != count * width) {
            throw new InvalidInputException(path + ": tensor \"" + name + "\" spans " + (end - begin)
                    + " bytes, expected " + count * width + " for " + dtype + " " + java.util.Arrays.toString(shape));
        }
        if (dataStart + end > size) {
            throw new InvalidInputException(path + ": tensor \"" + name + "\" ends at byte " + (dataStart + end)
                    + " but the file has " + size + " (truncated)");
        }
        ByteBuffer buf = ByteBuffer.allocate((int) (end - begin)).order(ByteOrder.LITTLE_ENDIAN);
        readFully(ch, buf, dataStart + begin, path);
        buf.flip();
        long[] s = shape.length == 0 ? new long[0] : shape;
        switch (dtype) {
            case "F32": {
                float[] v = new float[(int) count];
                buf.asFloatBuffer().get(v);
                return Nd4j.create(v, s, 'c');
            }
            case "F64": {
                double[] v = new double[(int) count];
                buf.asDoubleBuffer().get(v);
                return Nd4j.create(v, s, 'c');
            }
            case "F16", "BF16": {
                float[] v = new float[(int) count];
                for (int i = 0; i < v.length; i++) {
                    short h = buf.getShort();
                    v[i] = dtype.equals("F16") ? halfToFloat(h) : Float.intBitsToFloat((h & 0xffff) << 16);
                }
                return Nd4j.create(v, s, 'c');
            }
            case "I64": {
                long[] v = new long[(int) count];
                buf.asLongBuffer().get(v);
                return Nd4j.createFromArray(v).reshape(s);
            }
            default: {
                int[] v = new int[(int) count];
                buf.asIntBuffer().get(v);
                return Nd4j.createFromArray(v).reshape(s);
            }
        }
    }

    /** IEEE 754 binary16 to float (Java 17 has no Float.float16ToFloat). */
    static float halfToFloat(short bits) {
        int h = bits & 0xffff;
        int sign = (h & 0x8000) << 16, exp = (h >>> 10) & 0x1f, mant = h & 0x3ff;
        if (exp == 0x1f) {
            return Float.intBitsToFloat(sign | 0x7f800000 | (mant << 13)); // inf / NaN
        }
        if (exp == 0) {
            float v = mant * 0x1p-24f; // subnormal (or zero)
            return sign != 0 ? -v : v;
        }
        return Float.intBitsToFloat(sign | ((exp + 112) << 23) | (mant << 13));
    }

    private static void readFully(FileChannel ch, ByteBuffer buf, long pos, Path path) throws IOException {
        while (buf.hasRemaining()) {
            int n = ch.read(buf, pos);
            if (n < 0) {
                throw new InvalidInputException(path + ": unexpected end of file at byte " + pos + " (truncated)");
            }
            pos += n;
        }
    }

    /** Writes the tensors (floating point as F32) atomically, with optional metadata. */
    public static void write(Path path, StateDict tensors, Map<String, String> metadata) {
        ObjectNode header = JSON.createObjectNode();
        if (metadata != null && !metadata.isEmpty()) {
            ObjectNode m = header.putObject("__metadata__");
            metadata.forEach(m::put);
        }
        long offset = 0;
        Map<String, INDArray> prepared = new LinkedHashMap<>();
        for (var e : tensors.asMap().entrySet()) {
            INDArray a = e.getValue();
            INDArray t = a.dataType().isFPType() ? a.castTo(DataType.FLOAT) : a.castTo(DataType.LONG);
            String dtype = t.dataType() == DataType.FLOAT ? "F32" : "I64";
            long bytes = t.length() * (dtype.equals("F32") ? 4 : 8);
            ObjectNode info = header.putObject(e.getKey());
            info.put("dtype", dtype);
            var shape = info.putArray("shape");
            for (long d : t.shape()) {
                shape.add(d);
            }
            info.putArray("data_offsets").add(offset).add(offset + bytes);
            offset += bytes;
            prepared.put(e.getKey(), t);
        }
        byte[] h;
        try {
            StringBuilder json = new StringBuilder(JSON.writeValueAsString(header));
            while ((json.length() % 8) != 0) {
                json.append(' '); // pad so that tensor data starts 8-byte aligned, as the reference writer does
            }
            h = json.toString().getBytes(StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        final byte[] headerBytes = h;
        AtomicFiles.write(path, out -> {
            ByteBuffer len =
                    ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN).putLong(headerBytes.length);
            out.write(len.array());
            out.write(headerBytes);
            for (INDArray t : prepared.values()) {
                INDArray c = t.dup('c');
                ByteBuffer b = ByteBuffer.allocate((int) (c.length() * (c.dataType() == DataType.FLOAT ? 4 : 8)))
                        .order(ByteOrder.LITTLE_ENDIAN);
                if (c.dataType() == DataType.FLOAT) {
                    b.asFloatBuffer().put(c.data().asFloat());
                } else {
                    b.asLongBuffer().put(c.data().asLong());
                }
                out.write(b.array());
            }
        });
    }
}
