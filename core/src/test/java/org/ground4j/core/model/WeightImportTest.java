package org.ground4j.core.model;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.factory.Nd4j;

class WeightImportTest {

    static ModelConfig withBackbone(BackboneConfig b, TextEncoderConfig t) {
        return new ModelConfig(b, t, new TransformerConfig(16, 2, 1, 1, 32, 0.0, 3), 64, 16);
    }

    static final TextEncoderConfig BERT = new TextEncoderConfig(120, 32, 2, 4, 64, 64, 2, 1e-12);

    @Test
    void torchvisionResnetLoadsCompletelyIgnoringFcAndCounters() {
        StateDict model = ModelInit.init(withBackbone(new BackboneConfig(50, 4, 4, 1e-5), BERT), 1);
        StateDict tv = Fixtures.load("resnet/resnet50_w4.safetensors");
        WeightImport.Report r = WeightImport.resnet(model, tv);
        assertThat(r.complete()).as(r.toString()).isTrue();
        assertThat(model.asMap().get("backbone.layer3.2.conv2.weight"))
                .isEqualTo(tv.asMap().get("layer3.2.conv2.weight"));
    }

    @Test
    void bertLoadsWithOrWithoutPrefixAndFromHalfPrecision() {
        for (String file : new String[] {"weights", "weights_bert_prefix", "weights_f16", "weights_bf16"}) {
            StateDict model = ModelInit.init(withBackbone(new BackboneConfig(18, 4, 3, 1e-5), BERT), 1);
            StateDict src = Fixtures.load("bert/" + file + ".safetensors");
            WeightImport.Report r = WeightImport.bert(model, src);
            assertThat(r.complete()).as(file + ": " + r).isTrue();
            assertThat(r.loaded()).hasSize(37); // 39 BertModel tensors less the pooler's two
            String name = file.equals("weights_bert_prefix")
                    ? "bert.encoder.layer.1.output.dense.weight"
                    : "encoder.layer.1.output.dense.weight";
            // half-precision values are exact in float: the copy is bit-exact in every case
            assertThat(Fixtures.maxAbsDiff(
                            model.asMap().get("text_encoder.encoder.layer.1.output.dense.weight"),
                            src.asMap().get(name).castTo(DataType.FLOAT)))
                    .isZero();
        }
        // half precision is close to the float weights
        StateDict f32 = Fixtures.load("bert/weights.safetensors");
        StateDict f16 = Fixtures.load("bert/weights_f16.safetensors");
        assertThat(Fixtures.maxAbsDiff(
                        f16.asMap().get("embeddings.word_embeddings.weight"),
                        f32.asMap().get("embeddings.word_embeddings.weight")))
                .isLessThan(1e-3)
                .isGreaterThan(0);
    }

    @Test
    void reportsMissingUnexpectedAndMismatched() {
        StateDict model = ModelInit.init(withBackbone(new BackboneConfig(18, 8, 4, 1e-5), BERT), 1);
        StateDict src = new StateDict();
        Fixtures.load("resnet/resnet18_w8.safetensors").asMap().forEach(src::put);
        src.put("layer9.0.conv1.weight", Nd4j.zeros(1));
        src.put("conv1.weight", Nd4j.zeros(DataType.FLOAT, 8, 3, 3, 3));
        StateDict partial = new StateDict();
        src.asMap().forEach((k, v) -> {
            if (!k.equals("layer4.1.bn2.running_var")) {
                partial.put(k, v);
            }
        });
        WeightImport.Report r = WeightImport.resnet(model, partial);
        assertThat(r.missing()).containsExactly("backbone.layer4.1.bn2.running_var");
        assertThat(r.unexpected()).containsExactly("layer9.0.conv1.weight");
        assertThat(r.mismatched())
                .singleElement()
                .asString()
                .contains("conv1.weight")
                .contains("[8, 3, 3, 3]")
                .contains("[8, 3, 7, 7]");
        assertThat(r.complete()).isFalse();
    }
}
