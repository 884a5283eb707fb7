#!/usr/bin/python3
"""PyTorch peer of benchmarks/bench.sh --peers: a worker process that the JVM drives over stdin/stdout, so that
PyTorch's runs alternate with ground4j's and ONNX Runtime's in the same measurement.

  /usr/bin/python3 torch_worker.py WEIGHTS.safetensors THREADS

torch.set_num_threads(THREADS), one inter-op thread, eval mode, torch.no_grad(). One command per line; one reply
line each (errors: "error ..."):

  input PATH SIZE   read [1,3,SIZE,SIZE] little-endian float32 from PATH   -> ok
  run               one forward of the ResNet-101 trunk                    -> time MS   (perf_counter around the call)
  save PATH         write the last output as little-endian float32         -> ok D0 D1 D2 D3
  rss               peak resident memory of this process                   -> rss KIB
  quit
"""
import os
import sys
import time

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.join(HERE, "..", "..", "tools", "fixtures"))


def reply(s):
    sys.stdout.write(s + "\n")
    sys.stdout.flush()


try:
    import numpy as np
    import torch
    import torchvision
except ImportError as e:
    reply(f"error no PyTorch in {sys.executable}: {e} (use /usr/bin/python3; apt-get install python3-torch "
          "python3-torchvision)")
    sys.exit(3)
import st  # noqa: E402


def main():
    weights, threads = sys.argv[1], int(sys.argv[2])
    torch.set_num_threads(threads)
    torch.set_num_interop_threads(1)
    model = torchvision.models.resnet101(weights=None)
    state, _ = st.load(weights)
    missing, unexpected = model.load_state_dict(state, strict=False)
    missing = [k for k in missing if not k.startswith("fc.") and not k.endswith("num_batches_tracked")]
    if missing or unexpected:
        reply(f"error {weights}: missing {missing[:5]}, unexpected {unexpected[:5]}")
        return
    trunk = torch.nn.Sequential(model.conv1, model.bn1, model.relu, model.maxpool,
                                model.layer1, model.layer2, model.layer3, model.layer4).eval()
    reply(f"ready PyTorch {torch.__version__} ({torch.get_num_threads()} threads)")
    x = y = None
    for line in sys.stdin:
        cmd = line.split()
        if not cmd:
            continue
        try:
            if cmd[0] == "input":
                s = int(cmd[2])
                x = torch.from_numpy(np.fromfile(cmd[1], dtype="<f4").astype(np.float32).reshape(1, 3, s, s))
                reply("ok")
            elif cmd[0] == "run":
                with torch.no_grad():
                    t0 = time.perf_counter()
                    y = trunk(x)
                    ms = (time.perf_counter() - t0) * 1e3
                reply(f"time {ms:.3f}")
            elif cmd[0] == "save":
                y.contiguous().numpy().astype("<f4").tofile(cmd[1])
                reply("ok " + " ".join(str(d) for d in y.shape))
            elif cmd[0] == "rss":
                kib = -1
                with open("/proc/self/status") as f:
                    for s in f:
                        if s.startswith("VmHWM:"):
                            kib = int(s.split()[1])
                reply(f"rss {kib}")
            elif cmd[0] == "quit":
                break
            else:
                reply(f"error unknown command {cmd[0]}")
        except Exception as e:  # keep the pipe alive: the JVM reports the error
            reply(f"error {type(e).__name__}: {e}")


if __name__ == "__main__":
    main()
