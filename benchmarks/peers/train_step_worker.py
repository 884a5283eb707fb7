#!/usr/bin/python3
"""PyTorch peer of the training-step rows of benchmarks/bench.sh: the paper configuration's training step written in
plain PyTorch, driven by the JVM over stdin/stdout so that its steps alternate with ground4j's in one measurement.

The network is DETR's with MDETR's text branch, as ground4j's `paper` preset builds it: torchvision ResNet-101 with
FrozenBatchNorm2d (stem and layer1 frozen, as DETR trains it), a 1x1 input projection to d=256, a BERT-base text
encoder (HF BertModel's layout in plain torch) with MDETR's resizer, DETR's sine positions, a post-norm encoder over
each sentence's image tokens followed by its text tokens, a post-norm decoder of 100 learned queries returning every
layer (through the shared final LayerNorm), the confidence and box heads, and the dense token head. Dropout sits where
ground4j has it (after attention and in the feed-forward blocks, not on the attention weights). The criterion is
ground4j's (Hungarian matching per sentence and decoder layer with costs 1/5/2, BCE with logits clipped at +-30 and
the unmatched queries weighted by eos_coef, L1 and 1 - GIoU over the matched pairs, all divided by the batch's box
count, and the balanced dense term), AdamW with MDETR's parameter groups, and gradient-norm clipping 0.1.
Weights are random (seed 0): the cost of a step does not depend on their values.

  /usr/bin/python3 train_step_worker.py THREADS [--dropout P] [--checkpointing none|backbone|all]

One command per line, one reply line each (errors: "error ..."):

  batch DIR   read meta.json, pixels.f32, ids.i32, mask.i32 written by the JVM          -> ok
  step        one optimisation step                                                   -> time MS FORWARD_MS LOSS
  rss         peak resident memory of this process (VmHWM)                            -> rss KIB
  quit
"""
import argparse
import json
import math
import os
import sys
import time


def reply(s):
    sys.stdout.write(s + "\n")
    sys.stdout.flush()


try:
    import numpy as np
    import torch
    import torch.nn as nn
    import torch.nn.functional as F
    import torchvision
    from scipy.optimize import linear_sum_assignment
    from torch.utils.checkpoint import checkpoint as _checkpoint
except ImportError as e:
    reply(f"error no PyTorch in {sys.executable}: {e} (use /usr/bin/python3; apt-get install python3-torch "
          "python3-torchvision python3-scipy)")
    sys.exit(3)

D, HEADS, FF, ENC, DEC, QUERIES = 256, 8, 2048, 6, 6, 100


def checkpoint(fn, *args):
    # non-reentrant: the first layer2 block's input comes from the frozen stem and needs no gradient, and the
    # reentrant form would then drop the gradients of that block's own weights
    return _checkpoint(fn, *args, use_reentrant=False)
BERT = dict(vocab=30522, hidden=768, layers=12, heads=12, intermediate=3072, positions=512, types=2, eps=1e-12)


class Bert(nn.Module):
    """HF BertModel's encoder (post-norm layers, exact GELU), without the pooler."""

    class Layer(nn.Module):
        def __init__(self, h, heads, inter, eps, p):
            super().__init__()
            self.heads = heads
            self.q, self.k, self.v = nn.Linear(h, h), nn.Linear(h, h), nn.Linear(h, h)
            self.o, self.ln1 = nn.Linear(h, h), nn.LayerNorm(h, eps=eps)
            self.i, self.out, self.ln2 = nn.Linear(h, inter), nn.Linear(inter, h), nn.LayerNorm(h, eps=eps)
            self.drop = nn.Dropout(p)

        def forward(self, x, bias):
            n, t, h = x.shape
            split = lambda y: y.view(n, t, self.heads, h // self.heads).transpose(1, 2)
            q, k, v = split(self.q(x)), split(self.k(x)), split(self.v(x))
            a = torch.softmax(q @ k.transpose(-1, -2) / math.sqrt(h // self.heads) + bias, -1)
            c = (a @ v).transpose(1, 2).reshape(n, t, h)
            x = self.ln1(x + self.drop(self.o(c)))
            return self.ln2(x + self.drop(self.out(F.gelu(self.i(x)))))

    def __init__(self, p, ckpt):
        super().__init__()
        c = BERT
        self.word = nn.Embedding(c["vocab"], c["hidden"])
        self.pos = nn.Embedding(c["positions"], c["hidden"])
        self.token_type = nn.Embedding(c["types"], c["hidden"])
        self.ln = nn.LayerNorm(c["hidden"], eps=c["eps"])
        self.drop = nn.Dropout(p)
        self.layers = nn.ModuleList(Bert.Layer(c["hidden"], c["heads"], c["intermediate"], c["eps"], p)
                                    for _ in range(c["layers"]))
        self.ckpt = ckpt

    def forward(self, ids, mask):
        t = ids.shape[1]
        x = self.word(ids) + self.pos(torch.arange(t))[None] + self.token_type.weight[0]
        x = self.drop(self.ln(x))
        bias = (1.0 - mask[:, None, None, :].float()) * -1e9
        for layer in self.layers:
            x = checkpoint(layer, x, bias) if self.ckpt else layer(x, bias)
        return x


class EncoderLayer(nn.Module):
    """DETR's post-norm TransformerEncoderLayer."""

    def __init__(self, p):
        super().__init__()
        self.attn = nn.MultiheadAttention(D, HEADS)
        self.l1, self.l2 = nn.Linear(D, FF), nn.Linear(FF, D)
        self.n1, self.n2 = nn.LayerNorm(D), nn.LayerNorm(D)
        self.d, self.d1, self.d2 = nn.Dropout(p), nn.Dropout(p), nn.Dropout(p)

    def forward(self, src, pos, pad):
        q = k = src + pos
        src = self.n1(src + self.d1(self.attn(q, k, src, key_padding_mask=pad)[0]))
        return self.n2(src + self.d2(self.l2(self.d(F.relu(self.l1(src))))))


class DecoderLayer(nn.Module):
    """DETR's post-norm TransformerDecoderLayer."""

    def __init__(self, p):
        super().__init__()
        self.self_attn = nn.MultiheadAttention(D, HEADS)
        self.cross = nn.MultiheadAttention(D, HEADS)
        self.l1, self.l2 = nn.Linear(D, FF), nn.Linear(FF, D)
        self.n1, self.n2, self.n3 = nn.LayerNorm(D), nn.LayerNorm(D), nn.LayerNorm(D)
        self.d, self.d1, self.d2, self.d3 = nn.Dropout(p), nn.Dropout(p), nn.Dropout(p), nn.Dropout(p)

    def forward(self, tgt, memory, pos, query_pos, pad):
        q = k = tgt + query_pos
        tgt = self.n1(tgt + self.d1(self.self_attn(q, k, tgt)[0]))
        tgt = self.n2(tgt + self.d2(self.cross(tgt + query_pos, memory + pos, memory, key_padding_mask=pad)[0]))
        return self.n3(tgt + self.d3(self.l2(self.d(F.relu(self.l1(tgt))))))


def sine_positions(mask, feats=D // 2, temperature=10000, scale=2 * math.pi):
    """DETR's PositionEmbeddingSine(normalize=True) over [B, H, W] (True = padding): [B, H*W, D]."""
    not_mask = ~mask
    y, x = not_mask.cumsum(1, dtype=torch.float32), not_mask.cumsum(2, dtype=torch.float32)
    eps = 1e-6
    y = y / (y[:, -1:, :] + eps) * scale
    x = x / (x[:, :, -1:] + eps) * scale
    dim_t = torch.arange(feats, dtype=torch.float32)
    dim_t = temperature ** (2 * (dim_t // 2) / feats)
    px, py = x[:, :, :, None] / dim_t, y[:, :, :, None] / dim_t
    px = torch.stack((px[:, :, :, 0::2].sin(), px[:, :, :, 1::2].cos()), dim=4).flatten(3)
    py = torch.stack((py[:, :, :, 0::2].sin(), py[:, :, :, 1::2].cos()), dim=4).flatten(3)
    return torch.cat((py, px), dim=3).flatten(1, 2)


class Grounder(nn.Module):
    def __init__(self, p, ckpt):
        super().__init__()
        r = torchvision.models.resnet101(weights=None, norm_layer=torchvision.ops.misc.FrozenBatchNorm2d)
        for name, prm in r.named_parameters():  # DETR: only layer2-4 train
            prm.requires_grad_("layer2" in name or "layer3" in name or "layer4" in name)
        self.stem = nn.Sequential(r.conv1, r.bn1, r.relu, r.maxpool, r.layer1)
        self.stages = nn.ModuleList([r.layer2, r.layer3, r.layer4])
        self.input_proj = nn.Conv2d(2048, D, 1)
        self.text = Bert(p, ckpt == "all")
        self.resizer = nn.Sequential(nn.Linear(BERT["hidden"], D), nn.LayerNorm(D, eps=1e-12), nn.Dropout(p))
        self.encoder = nn.ModuleList(EncoderLayer(p) for _ in range(ENC))
        self.decoder = nn.ModuleList(DecoderLayer(p) for _ in range(DEC))
        self.decoder_norm = nn.LayerNorm(D)
        self.query_embed = nn.Embedding(QUERIES, D)
        self.class_embed = nn.Linear(D, 1)
        self.bbox = nn.ModuleList([nn.Linear(D, D), nn.Linear(D, D), nn.Linear(D, 4)])
        self.dense_embed = nn.Linear(D, 1)
        self.ckpt = ckpt

    def image(self, pixels):
        x = self.stem(pixels)
        for stage in self.stages:
            if self.ckpt in ("backbone", "all"):  # one checkpoint per block, as ground4j cuts the backbone
                for block in stage:
                    x = checkpoint(block, x)
            else:
                x = stage(x)
        return self.input_proj(x).flatten(2).transpose(1, 2)  # [B, HW, D]

    def forward(self, pixels, index, ids, mask):
        img = self.image(pixels)[index]  # each sentence's image tokens
        n, hw = img.shape[0], img.shape[1]
        side = int(math.isqrt(hw))
        pos = sine_positions(torch.zeros(n, side, side, dtype=torch.bool))
        text = self.resizer(self.text(ids, mask))
        memory = torch.cat([img, text], 1).transpose(0, 1)  # [S, N, D]
        mpos = torch.cat([pos, torch.zeros_like(text)], 1).transpose(0, 1)
        pad = torch.cat([torch.zeros(n, hw, dtype=torch.bool), mask == 0], 1)
        x = memory
        for layer in self.encoder:
            x = checkpoint(layer, x, mpos, pad) if self.ckpt == "all" else layer(x, mpos, pad)
        dense = self.dense_embed(x[:hw].transpose(0, 1)).squeeze(-1)  # [N, HW]
        qpos = self.query_embed.weight[:, None].repeat(1, n, 1)
        tgt = torch.zeros_like(qpos)
        logits, boxes = [], []
        for layer in self.decoder:
            tgt = checkpoint(layer, tgt, x, mpos, qpos, pad) if self.ckpt == "all" else layer(tgt, x, mpos, qpos, pad)
            h = self.decoder_norm(tgt).transpose(0, 1)  # [N, Q, D]
            logits.append(self.class_embed(h).squeeze(-1))
            b = F.relu(self.bbox[0](h))
            b = F.relu(self.bbox[1](b))
            boxes.append(torch.sigmoid(self.bbox[2](b)))
        return logits, boxes, dense


def corners(b):
    cx, cy, w, h = b.unbind(-1)
    return torch.stack([cx - w / 2, cy - h / 2, cx + w / 2, cy + h / 2], -1)


def giou(a, b, eps=1e-7):
    """Elementwise GIoU of [..., 4] corner boxes, as ground4j's criterion computes it."""
    iw = (torch.min(a[..., 2], b[..., 2]) - torch.max(a[..., 0], b[..., 0])).clamp(min=0)
    ih = (torch.min(a[..., 3], b[..., 3]) - torch.max(a[..., 1], b[..., 1])).clamp(min=0)
    inter = iw * ih
    union = (a[..., 2] - a[..., 0]) * (a[..., 3] - a[..., 1]) + (b[..., 2] - b[..., 0]) * (b[..., 3] - b[..., 1]) - inter
    iou = inter / (union + eps)
    cw = torch.max(a[..., 2], b[..., 2]) - torch.min(a[..., 0], b[..., 0])
    ch = torch.max(a[..., 3], b[..., 3]) - torch.min(a[..., 1], b[..., 1])
    enclosing = cw * ch
    return iou - (enclosing - union) / (enclosing + eps)


def match(logits, boxes, targets):
    """Hungarian matching of one sample, costs 1 (confidence), 5 (L1), 2 (GIoU): (queries, targets)."""
    if len(targets) == 0:
        return [], []
    with torch.no_grad():
        t = torch.tensor(targets, dtype=torch.float32)  # corners
        tc = torch.stack([(t[:, 0] + t[:, 2]) / 2, (t[:, 1] + t[:, 3]) / 2, t[:, 2] - t[:, 0], t[:, 3] - t[:, 1]], 1)
        p = boxes.clamp(min=0)
        cost = (-torch.sigmoid(logits)[:, None] + 5 * torch.cdist(boxes, tc, p=1)
                - 2 * giou(corners(p)[:, None], t[None]))
        rows, cols = linear_sum_assignment(cost.numpy())
    return list(rows), list(cols)


def bce(x, z):
    x = x.clamp(-30, 30)
    return -(z * F.logsigmoid(x) + (1 - z) * F.logsigmoid(-x))


def criterion(logits, boxes, dense, targets, grid, eos=0.5):
    num_boxes = max(1.0, float(sum(len(t) for t in targets)))
    total = 0.0
    for lg, bx in zip(logits, boxes):
        z = torch.zeros_like(lg)
        pairs = [match(lg[i].detach(), bx[i].detach(), targets[i]) for i in range(len(targets))]
        l1 = gi = 0.0
        for i, (qs, ts) in enumerate(pairs):
            if qs:
                z[i, qs] = 1.0
                t = torch.tensor([targets[i][j] for j in ts], dtype=torch.float32)
                tc = torch.stack([(t[:, 0] + t[:, 2]) / 2, (t[:, 1] + t[:, 3]) / 2, t[:, 2] - t[:, 0],
                                  t[:, 3] - t[:, 1]], 1)
                pred = bx[i, qs]
                l1 = l1 + (pred - tc).abs().sum()
                gi = gi + (1 - giou(corners(pred), t)).sum()
        w = z * (1 - eos) + eos
        total = total + (bce(lg, z) * w).sum() / num_boxes + 5 * l1 / num_boxes + 2 * gi / num_boxes
    # the balanced dense term: which image tokens lie in a gold box of the sentence
    zt = torch.zeros_like(dense)
    for i, tg in enumerate(targets):
        for (x1, y1, x2, y2) in tg:
            for r in range(grid):
                for c in range(grid):
                    cx, cy = (c + 0.5) / grid, (r + 0.5) / grid
                    if x1 <= cx <= x2 and y1 <= cy <= y2:
                        zt[i, r * grid + c] = 1
            c = min(grid - 1, max(0, int(math.floor((x1 + x2) / 2 * grid))))
            r = min(grid - 1, max(0, int(math.floor((y1 + y2) / 2 * grid))))
            zt[i, r * grid + c] = 1
    pos, neg = zt.sum(), zt.numel() - zt.sum()
    weight = torch.where(zt > 0, 1 / pos.clamp(min=1), 1 / neg.clamp(min=1))
    return total + (bce(dense, zt) * weight).sum()


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("threads", type=int)
    ap.add_argument("--dropout", type=float, default=0.1)
    ap.add_argument("--checkpointing", default="none", choices=["none", "backbone", "all"])
    a = ap.parse_args()
    torch.set_num_threads(a.threads)
    torch.set_num_interop_threads(1)
    torch.manual_seed(0)
    model = Grounder(a.dropout, a.checkpointing).train()
    groups = {"backbone": [], "text": [], "rest": []}
    for name, prm in model.named_parameters():
        if prm.requires_grad:
            key = "backbone" if name.startswith("stages.") else "text" if name.startswith("text.") else "rest"
            groups[key].append(prm)
    opt = torch.optim.AdamW([{"params": groups["backbone"], "lr": 1e-5}, {"params": groups["text"], "lr": 5e-5},
                             {"params": groups["rest"], "lr": 1e-4}], weight_decay=1e-4, eps=1e-8)
    params = [p for g in groups.values() for p in g]
    reply(f"ready PyTorch {torch.__version__} ({torch.get_num_threads()} threads, "
          f"{sum(p.numel() for p in model.parameters())} parameters)")
    batch = None
    for line in sys.stdin:
        cmd = line.split()
        if not cmd:
            continue
        try:
            if cmd[0] == "batch":
                d = cmd[1]
                with open(os.path.join(d, "meta.json")) as f:
                    meta = json.load(f)
                b, s, n, t = meta["images"], meta["size"], meta["sentences"], meta["tokens"]
                pixels = torch.from_numpy(np.fromfile(os.path.join(d, "pixels.f32"), dtype="<f4")
                                          .reshape(b, 3, s, s).copy())
                ids = torch.from_numpy(np.fromfile(os.path.join(d, "ids.i32"), dtype="<i4").reshape(n, t)
                                       .astype(np.int64))
                mask = torch.from_numpy(np.fromfile(os.path.join(d, "mask.i32"), dtype="<i4").reshape(n, t).copy())
                batch = (pixels, torch.tensor(meta["index"]), ids, mask, meta["targets"], s // 32)
                reply("ok")
            elif cmd[0] == "step":
                pixels, index, ids, mask, targets, grid = batch
                t0 = time.perf_counter()
                logits, boxes, dense = model(pixels, index, ids, mask)
                t1 = time.perf_counter()
                loss = criterion(logits, boxes, dense, targets, grid)
                opt.zero_grad(set_to_none=True)
                loss.backward()
                torch.nn.utils.clip_grad_norm_(params, 0.1)
                opt.step()
                t2 = time.perf_counter()
                reply(f"time {(t2 - t0) * 1e3:.3f} {(t1 - t0) * 1e3:.3f} {loss.item():.6f}")
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
