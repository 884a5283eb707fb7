#!/usr/bin/python3
"""Writes the peers' shared network once: a seeded torchvision ResNet-101 trunk (conv1 .. layer4, eval mode,
no avgpool / fc) as

  models/resnet101-seed<SEED>.safetensors   torchvision state_dict names (conv1.weight, layer2.0.bn1.running_var, ...)
                                           without fc.* and num_batches_tracked: what ground4j's Backbone and
                                           `ground4j import --resnet` read;
  models/resnet101-<SIZE>.onnx             the same trunk, torch.onnx.export, opset 13, input "image" [1,3,S,S],
                                           output "c5" [1,2048,S/32,S/32], fixed shapes (for ONNX Runtime).

Run it with Debian's PyTorch (../../../shared/STACK.md): /usr/bin/python3 benchmarks/peers/make_resnet101.py
No `onnx` or `safetensors` Python package is needed (torch's exporter serialises by itself; safetensors are
written by hand with tools/fixtures/st.py).

Weights: torchvision's initialisation (seeded), then every BatchNorm gets random affine parameters and running
statistics calibrated on random images, so that activations keep a sane scale through 101 layers (with
torchvision's fresh statistics, mean 0 and variance 1, they grow by orders of magnitude) and the BatchNorm folding
of each engine is exercised with non-trivial values.
"""
import argparse
import os
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.join(HERE, "..", "..", "tools", "fixtures"))

try:
    import torch
    import torchvision
except ImportError as e:  # the `python3` first on PATH may be another interpreter
    sys.exit(f"make_resnet101.py: no PyTorch in {sys.executable} ({e}); run it with /usr/bin/python3 "
             "(apt-get install python3-torch python3-torchvision)")
import st  # noqa: E402  (tools/fixtures/st.py: hand-written safetensors)


def trunk_of(model):
    return torch.nn.Sequential(model.conv1, model.bn1, model.relu, model.maxpool,
                               model.layer1, model.layer2, model.layer3, model.layer4)


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--out", default=os.path.join(HERE, "models"))
    ap.add_argument("--size", type=int, default=640, help="input side of the ONNX export (default 640)")
    ap.add_argument("--seed", type=int, default=0)
    ap.add_argument("--opset", type=int, default=13)
    a = ap.parse_args()
    os.makedirs(a.out, exist_ok=True)
    torch.manual_seed(a.seed)
    model = torchvision.models.resnet101(weights=None)
    # random BatchNorm affine parameters, then running statistics from a few batches of random images
    # (momentum None = cumulative average)
    g = torch.Generator().manual_seed(a.seed + 1)
    for m in model.modules():
        if isinstance(m, torch.nn.BatchNorm2d):
            with torch.no_grad():
                m.weight.uniform_(0.5, 1.5, generator=g)
                m.bias.normal_(0.0, 0.1, generator=g)
            m.reset_running_stats()
            m.momentum = None
    model.train()
    with torch.no_grad():
        for _ in range(4):
            model(torch.randn(4, 3, 224, 224, generator=g))
    model.eval()

    st_path = os.path.join(a.out, f"resnet101-seed{a.seed}.safetensors")
    tensors = {k: v for k, v in model.state_dict().items()
               if not k.startswith("fc.") and not k.endswith("num_batches_tracked")}
    st.save(st_path, tensors, {"source": "torchvision.models.resnet101(weights=None), seed %d, BN calibrated" % a.seed,
                                "torch": torch.__version__, "torchvision": torchvision.__version__})

    trunk = trunk_of(model).eval()
    onnx_path = os.path.join(a.out, f"resnet101-{a.size}.onnx")
    x = torch.randn(1, 3, a.size, a.size, generator=g)
    with torch.no_grad():
        torch.onnx.export(trunk, x, onnx_path, opset_version=a.opset, input_names=["image"], output_names=["c5"],
                          do_constant_folding=True)
        y = trunk(x)
    print(f"wrote {st_path} ({len(tensors)} tensors, {sum(t.numel() for t in tensors.values()) / 1e6:.1f} M values)")
    print(f"wrote {onnx_path} (opset {a.opset}, input [1, 3, {a.size}, {a.size}], output {list(y.shape)}, "
          f"output std {y.std().item():.3g})")


if __name__ == "__main__":
    main()
