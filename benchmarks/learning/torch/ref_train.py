"""PyTorch reference of ground4j's CPU training configuration (DESIGN.md sections 2-5), for recipe search.

The same network, criterion, optimiser groups, post-processing (threshold, WBF IoU 0.1) and P@F1=1 as the Java
code, written independently; augmentation is Gaussian noise only. Data: made by export.sh (the Java exporter
TorchExport: letterboxed 256x256 grey bytes, token ids, boxes in the model frame), so both sides see the same
inputs. Usage: python ref_train.py --data DIR [--weak_steps N] [--steps N] [--bn train|frozen] [--clip C] ...
Prints training and validation lines, then a final JSON line with validation, test and shuffled-image test
figures by group (no, single, multi, anchored, free, overall).
"""
import argparse, gzip, json, lzma, math, os, time
import numpy as np
import torch
import torch.nn as nn
import torch.nn.functional as F
from scipy.optimize import linear_sum_assignment

p = argparse.ArgumentParser()
p.add_argument("--data", default="data")
p.add_argument("--weak_steps", type=int, default=0)
p.add_argument("--steps", type=int, default=858)
p.add_argument("--expert_subset", type=int, default=0)
p.add_argument("--bn", default="train")
p.add_argument("--neg", type=float, default=0.1)
p.add_argument("--lr", type=float, nargs=3, default=[1e-4, 2e-4, 4e-4])
p.add_argument("--clip", type=float, default=0.1)
p.add_argument("--batch", type=int, default=4)
p.add_argument("--width", type=int, default=16)
p.add_argument("--queries", type=int, default=16)
p.add_argument("--dense", type=float, default=0.0)
p.add_argument("--seed", type=int, default=42)
p.add_argument("--eval_every", type=int, default=0)
p.add_argument("--noise", type=float, default=0.02)
p.add_argument("--focal", type=int, default=0)
p.add_argument("--layers", type=int, default=3)
p.add_argument("--device", default="cuda" if torch.cuda.is_available() else "cpu")
a = p.parse_args()
torch.manual_seed(a.seed); np.random.seed(a.seed)
dev = torch.device(a.device)
S, D, VOCAB = 256, 128, 787


def load(name):
    # weak and expert training samples share their images (same file order): one copy travels
    base = f"{a.data}/{name.replace('train-weak', 'train-expert')}.u8"
    raw = lzma.open(base + ".xz").read() if os.path.exists(base + ".xz") else gzip.open(base + ".gz").read()
    imgs = torch.from_numpy(np.frombuffer(raw, dtype=np.uint8).reshape(-1, S, S).copy())
    rows = [json.loads(l) for l in open(f"{a.data}/{name}.jsonl")]
    by_img = {}
    for r in rows:
        by_img.setdefault(r["img"], []).append(r)
    return imgs, rows, by_img


MEAN = torch.tensor([0.485, 0.456, 0.406]).view(1, 3, 1, 1)
STD = torch.tensor([0.229, 0.224, 0.225]).view(1, 3, 1, 1)


def pixels(imgs, idx, noise=0.0, gen=None):
    x = imgs[idx].float().div(255).unsqueeze(1).repeat(1, 3, 1, 1)
    if noise > 0:
        x = x + noise * torch.randn(x.shape, generator=gen)
    return ((x - MEAN) / STD).to(dev)


# ---------------- model ----------------
class Block(nn.Module):
    def __init__(self, cin, cout, stride):
        super().__init__()
        self.c1 = nn.Conv2d(cin, cout, 3, stride, 1, bias=False); self.b1 = nn.BatchNorm2d(cout)
        self.c2 = nn.Conv2d(cout, cout, 3, 1, 1, bias=False); self.b2 = nn.BatchNorm2d(cout)
        self.down = None
        if stride != 1 or cin != cout:
            self.down = nn.Sequential(nn.Conv2d(cin, cout, 1, stride, bias=False), nn.BatchNorm2d(cout))

    def forward(self, x):
        y = F.relu(self.b1(self.c1(x)))
        y = self.b2(self.c2(y))
        return F.relu(y + (self.down(x) if self.down is not None else x))


class Backbone(nn.Module):
    def __init__(self, w, layers):
        super().__init__()
        self.conv1 = nn.Conv2d(3, w, 7, 2, 3, bias=False); self.bn1 = nn.BatchNorm2d(w)
        blocks, cin = [], w
        for l in range(layers):
            cout = w << l
            blocks += [Block(cin, cout, 1 if l == 0 else 2), Block(cout, cout, 1)]
            cin = cout
        self.blocks = nn.Sequential(*blocks)
        self.out = cin
        for m in self.modules():
            if isinstance(m, nn.Conv2d):
                nn.init.kaiming_normal_(m.weight, mode="fan_out", nonlinearity="relu")

    def forward(self, x):
        x = F.max_pool2d(F.relu(self.bn1(self.conv1(x))), 3, 2, 1)
        return self.blocks(x)


def sine_pos(mask, d):  # mask [N,H,W] True = valid
    y = mask.float().cumsum(1); x = mask.float().cumsum(2)
    eps = 1e-6
    y = y / (y[:, -1:, :] + eps) * 2 * math.pi
    x = x / (x[:, :, -1:] + eps) * 2 * math.pi
    npf = d // 2
    t = 10000 ** (2 * (torch.arange(npf, device=mask.device) // 2) / npf)
    px = x[..., None] / t; py = y[..., None] / t
    px = torch.stack((px[..., 0::2].sin(), px[..., 1::2].cos()), 4).flatten(3)
    py = torch.stack((py[..., 0::2].sin(), py[..., 1::2].cos()), 4).flatten(3)
    return torch.cat((py, px), 3)  # [N,H,W,d]


class EncLayer(nn.Module):
    def __init__(self, d, h, ff):
        super().__init__()
        self.att = nn.MultiheadAttention(d, h, batch_first=True)
        self.l1 = nn.Linear(d, ff); self.l2 = nn.Linear(ff, d)
        self.n1 = nn.LayerNorm(d); self.n2 = nn.LayerNorm(d)

    def forward(self, x, pos, kpm):
        q = x + pos
        x = self.n1(x + self.att(q, q, x, key_padding_mask=kpm)[0])
        return self.n2(x + self.l2(F.relu(self.l1(x))))


class DecLayer(nn.Module):
    def __init__(self, d, h, ff):
        super().__init__()
        self.sa = nn.MultiheadAttention(d, h, batch_first=True)
        self.ca = nn.MultiheadAttention(d, h, batch_first=True)
        self.l1 = nn.Linear(d, ff); self.l2 = nn.Linear(ff, d)
        self.n1 = nn.LayerNorm(d); self.n2 = nn.LayerNorm(d); self.n3 = nn.LayerNorm(d)

    def forward(self, t, qpos, mem, mpos, kpm):
        q = t + qpos
        t = self.n1(t + self.sa(q, q, t)[0])
        t = self.n2(t + self.ca(t + qpos, mem + mpos, mem, key_padding_mask=kpm)[0])
        return self.n3(t + self.l2(F.relu(self.l1(t))))


class BertLayer(nn.Module):
    def __init__(self, d, h, ff):
        super().__init__()
        self.att = nn.MultiheadAttention(d, h, batch_first=True)
        self.n1 = nn.LayerNorm(d, eps=1e-12); self.n2 = nn.LayerNorm(d, eps=1e-12)
        self.l1 = nn.Linear(d, ff); self.l2 = nn.Linear(ff, d)

    def forward(self, x, kpm):
        x = self.n1(x + self.att(x, x, x, key_padding_mask=kpm)[0])
        return self.n2(x + self.l2(F.gelu(self.l1(x))))


class Model(nn.Module):
    def __init__(self):
        super().__init__()
        self.backbone = Backbone(a.width, a.layers)
        self.proj = nn.Conv2d(self.backbone.out, D, 1)
        self.word = nn.Embedding(VOCAB, 128); self.tpos = nn.Embedding(64, 128); self.ttype = nn.Embedding(2, 128)
        self.tnorm = nn.LayerNorm(128, eps=1e-12)
        for e in (self.word, self.tpos, self.ttype):
            nn.init.normal_(e.weight, std=0.02)
        self.bert = nn.ModuleList([BertLayer(128, 4, 256) for _ in range(2)])
        self.resize = nn.Linear(128, D); self.rnorm = nn.LayerNorm(D, eps=1e-12)
        self.enc = nn.ModuleList([EncLayer(D, 4, 256) for _ in range(3)])
        self.dec = nn.ModuleList([DecLayer(D, 4, 256) for _ in range(3)])
        self.dnorm = nn.LayerNorm(D)
        self.query = nn.Embedding(a.queries, D)
        self.cls = nn.Linear(D, 1)
        self.box = nn.Sequential(nn.Linear(D, D), nn.ReLU(), nn.Linear(D, D), nn.ReLU(), nn.Linear(D, 4))
        self.dense = nn.Linear(D, 1)
        nn.init.zeros_(self.dense.weight); nn.init.constant_(self.dense.bias, -2.0)

    def image(self, px, hw):
        f = self.proj(self.backbone(px))  # [N,D,h,w]
        n, _, h, w = f.shape
        mask = torch.zeros(n, h, w, dtype=torch.bool, device=dev)
        for i, (ch, cw) in enumerate(hw):
            mask[i, :math.ceil(ch / (S / h)), :math.ceil(cw / (S / w))] = True
        pos = sine_pos(mask, D)
        return f.flatten(2).transpose(1, 2), pos.flatten(1, 2), ~mask.flatten(1)

    def forward(self, tok, tpad, sel):  # tok [(img, ids, ...)]
        img, pos, ipad = tok
        n = len(sel)
        x = self.word(tpad["ids"]) + self.tpos(torch.arange(tpad["ids"].shape[1], device=dev))[None] + self.ttype.weight[0]
        x = self.tnorm(x)
        kpm = ~tpad["mask"]
        for l in self.bert:
            x = l(x, kpm)
        t = self.rnorm(self.resize(x))
        mem = torch.cat((img[sel], t), 1)
        mpos = torch.cat((pos[sel], torch.zeros_like(t)), 1)
        mk = torch.cat((ipad[sel], kpm), 1)
        for l in self.enc:
            mem = l(mem, mpos, mk)
        qpos = self.query.weight[None].expand(n, -1, -1)
        q = torch.zeros_like(qpos)
        outs = []
        for l in self.dec:
            q = l(q, qpos, mem, mpos, mk)
            o = self.dnorm(q)
            outs.append((self.cls(o).squeeze(-1), self.box(o).sigmoid()))
        dense = self.dense(mem[:, :img.shape[1]]).squeeze(-1)
        return outs, dense


# ---------------- geometry / loss ----------------
def cxcywh_xyxy(b):
    cx, cy, w, h = b.unbind(-1)
    return torch.stack((cx - w / 2, cy - h / 2, cx + w / 2, cy + h / 2), -1)


def xyxy_cxcywh(b):
    x1, y1, x2, y2 = b.unbind(-1)
    return torch.stack(((x1 + x2) / 2, (y1 + y2) / 2, x2 - x1, y2 - y1), -1)


def giou(a, b):  # pairwise [n,m]
    area_a = (a[:, 2] - a[:, 0]) * (a[:, 3] - a[:, 1]); area_b = (b[:, 2] - b[:, 0]) * (b[:, 3] - b[:, 1])
    lt = torch.max(a[:, None, :2], b[None, :, :2]); rb = torch.min(a[:, None, 2:], b[None, :, 2:])
    wh = (rb - lt).clamp(min=0); inter = wh[..., 0] * wh[..., 1]
    union = area_a[:, None] + area_b[None] - inter
    iou = inter / union
    lt2 = torch.min(a[:, None, :2], b[None, :, :2]); rb2 = torch.max(a[:, None, 2:], b[None, :, 2:])
    wh2 = (rb2 - lt2).clamp(min=0); encl = wh2[..., 0] * wh2[..., 1]
    return iou - (encl - union) / encl


def criterion(outs, dense, targets, dense_t):
    nb = max(1, sum(len(t) for t in targets))
    total, terms = 0.0, {}
    for li, (logit, box) in enumerate(outs):
        tgt_conf = torch.zeros_like(logit)
        l1s, gis = [], []
        with torch.no_grad():
            prob = logit.sigmoid()
        for i, t in enumerate(targets):
            if len(t) == 0:
                continue
            tb = t.to(dev)
            pb = box[i]
            cost = -prob[i][:, None] + 5 * torch.cdist(pb, xyxy_cxcywh(tb), p=1) - 2 * giou(cxcywh_xyxy(pb), tb)
            r, c = linear_sum_assignment(cost.detach().cpu().numpy())
            r = torch.as_tensor(r, device=dev); c = torch.as_tensor(c, device=dev)
            tgt_conf[i, r] = 1
            l1s.append(F.l1_loss(pb[r], xyxy_cxcywh(tb)[c], reduction="sum"))
            gis.append((1 - torch.diag(giou(cxcywh_xyxy(pb[r]), tb[c]))).sum())
        w = torch.where(tgt_conf > 0, torch.ones_like(logit), torch.full_like(logit, a.neg))
        if a.focal:
            pr = logit.sigmoid(); ce = F.binary_cross_entropy_with_logits(logit, tgt_conf, reduction="none")
            pt = pr * tgt_conf + (1 - pr) * (1 - tgt_conf)
            al = 0.25 * tgt_conf + 0.75 * (1 - tgt_conf)
            bce = (al * ce * (1 - pt) ** 2).sum() / nb
        else:
            bce = (F.binary_cross_entropy_with_logits(logit, tgt_conf, reduction="none") * w).sum() / nb
        l1 = sum(l1s) / nb if l1s else logit.sum() * 0
        gi = sum(gis) / nb if gis else logit.sum() * 0
        total = total + bce + 5 * l1 + 2 * gi
        terms[f"bce{li}"] = float(bce); terms[f"l1{li}"] = float(l1); terms[f"giou{li}"] = float(gi)
    if a.dense > 0:
        dl = F.binary_cross_entropy_with_logits(dense, dense_t, reduction="none").mean(1).sum() / nb
        total = total + a.dense * dl
        terms["dense"] = float(dl)
    return total, terms


def dense_targets(targets, g):
    out = torch.zeros(len(targets), g * g)
    c = (torch.arange(g) + 0.5) / g
    cy, cx = torch.meshgrid(c, c, indexing="ij")
    cx = cx.flatten(); cy = cy.flatten()
    for i, t in enumerate(targets):
        for b in t:
            out[i] += ((cx >= b[0]) & (cx <= b[2]) & (cy >= b[1]) & (cy <= b[3])).float()
    return out.clamp(max=1).to(dev)


# ---------------- batches ----------------
def batch(imgs, by_img, idxs, noise, gen):
    sel, ids, targets, hw = [], [], [], []
    for j, i in enumerate(idxs):
        rows = by_img[i]
        hw.append((rows[0]["h"], rows[0]["w"]))
        for r in rows:
            sel.append(j); ids.append(r["ids"]); targets.append(torch.tensor(r["boxes"], dtype=torch.float32).view(-1, 4))
    L = max(len(x) for x in ids)
    idt = torch.zeros(len(ids), L, dtype=torch.long); m = torch.zeros(len(ids), L, dtype=torch.bool)
    for k, x in enumerate(ids):
        idt[k, :len(x)] = torch.tensor(x); m[k, :len(x)] = True
    return pixels(imgs, list(idxs), noise, gen), hw, {"ids": idt.to(dev), "mask": m.to(dev)}, torch.tensor(sel, device=dev), targets


# ---------------- evaluation ----------------
def iou1(a, b):
    x1 = max(a[0], b[0]); y1 = max(a[1], b[1]); x2 = min(a[2], b[2]); y2 = min(a[3], b[3])
    i = max(0, x2 - x1) * max(0, y2 - y1); u = (a[2] - a[0]) * (a[3] - a[1]) + (b[2] - b[0]) * (b[3] - b[1]) - i
    return i / u if u > 0 else 0.0


def wbf(boxes, scores, thr=0.1):
    order = np.argsort(-np.asarray(scores)) if len(scores) else []
    clusters = []  # [fused box, list of (box,score)]
    for k in order:
        b, s = boxes[k], scores[k]
        best, bi = -1, -1
        for ci, c in enumerate(clusters):
            v = iou1(c[0], b)
            if v > thr and v > best:
                best, bi = v, ci
        if bi < 0:
            clusters.append([list(b), [(b, s)]])
        else:
            c = clusters[bi]; c[1].append((b, s))
            ws = sum(x[1] for x in c[1])
            c[0] = [sum(x[0][j] * x[1] for x in c[1]) / ws for j in range(4)]
    return [c[0] for c in clusters], [sum(x[1] for x in c[1]) / len(c[1]) for c in clusters]


def success(P, G):
    if not P and not G:
        return True
    if len(P) != len(G):
        return False
    cost = np.array([[0 if iou1(p, g) >= 0.5 else 1 for g in G] for p in P])
    r, c = linear_sum_assignment(cost)
    return cost[r, c].sum() == 0


ANCH = {"pleural effusion", "pneumothorax", "cardiomegaly"}
FREE = {"opacity", "consolidation", "nodule", "atelectasis"}


@torch.no_grad()
def predict(model, imgs, rows, by_img, shuffle=False):
    model.eval()
    preds = {}
    keys = sorted(by_img)
    perm = {k: keys[(i + 1) % len(keys)] for i, k in enumerate(keys)} if shuffle else {k: k for k in keys}
    for s in range(0, len(keys), 16):
        idxs = keys[s:s + 16]
        # text from the real image's rows; pixels (and content size) from the shuffled image when asked
        px, hw, tp, sel, _ = batch(imgs, by_img, idxs, 0, None)
        if shuffle:
            px, hw, _, _, _ = batch(imgs, by_img, [perm[i] for i in idxs], 0, None)
        img = model.image(px, hw)
        outs, _ = model(img, tp, sel)
        logit, box = outs[-1]
        prob = logit.sigmoid().cpu().numpy(); bx = cxcywh_xyxy(box).cpu().numpy()
        k = 0
        for i in idxs:
            for r in by_img[i]:
                preds[id(r)] = (prob[k], bx[k]); k += 1
    model.train()
    return preds


def evaluate(rows, preds, thr):
    res = {"no": [], "single": [], "multi": [], "anch": [], "free": []}
    for r in rows:
        prob, bx = preds[id(r)]
        keep = prob >= thr
        P, sc = wbf([list(b) for b in bx[keep]], list(prob[keep]))
        ok = success(P, r["boxes"])
        g = len(r["boxes"])
        res["no" if g == 0 else "single" if g == 1 else "multi"].append(ok)
        if g and r["category"] in ANCH: res["anch"].append(ok)
        if g and r["category"] in FREE: res["free"].append(ok)
    f = {k: (sum(v) / len(v) if v else 0) for k, v in res.items()}
    f["overall"] = sum(sum(v) for k, v in res.items() if k in ("no", "single", "multi")) / len(rows)
    return f


def sweep(rows, preds):
    best = None
    for t in np.arange(0.05, 0.96, 0.05):
        f = evaluate(rows, preds, t)
        if best is None or f["overall"] > best[1]["overall"]:
            best = (round(float(t), 2), f)
    return best


# ---------------- training ----------------
def train_stage(model, data, steps, tag, val):
    imgs, rows, by_img = data
    keys = sorted(by_img)
    bn_ids = {id(q) for m in model.modules() if isinstance(m, nn.BatchNorm2d) for q in m.parameters()}
    groups = [{"params": [], "lr": a.lr[0]}, {"params": [], "lr": a.lr[1]}, {"params": [], "lr": a.lr[2]}]
    for n, prm in model.named_parameters():
        gi = 0 if n.startswith("backbone") else 1 if n.split(".")[0] in ("word", "tpos", "ttype", "tnorm", "bert") else 2
        if a.bn == "frozen" and (id(prm) in bn_ids or n.startswith("backbone.conv1") or n.startswith("backbone.blocks.0.") or n.startswith("backbone.blocks.1.")):
            prm.requires_grad_(False); continue
        groups[gi]["params"].append(prm)
    opt = torch.optim.AdamW(groups, weight_decay=1e-4)
    base = [g["lr"] for g in groups]
    gen = torch.Generator().manual_seed(a.seed)
    rng = np.random.RandomState(a.seed)
    order, pos, t0 = [], 0, time.time()
    g = None
    for step in range(steps):
        if pos + a.batch > len(order):
            order = list(rng.permutation(keys)); pos = 0
        idxs = order[pos:pos + a.batch]; pos += a.batch
        px, hw, tp, sel, targets = batch(imgs, by_img, idxs, a.noise, gen)
        img = model.image(px, hw)
        if g is None:
            g = int(round(math.sqrt(img[0].shape[1])))
        outs, dense = model(img, tp, sel)
        loss, terms = criterion(outs, dense, targets, dense_targets(targets, g) if a.dense > 0 else None)
        for gr, b in zip(opt.param_groups, base):
            gr["lr"] = b * min(1.0, (step + 1) / 100)
        opt.zero_grad(); loss.backward()
        gn = torch.nn.utils.clip_grad_norm_(model.parameters(), a.clip if a.clip > 0 else 1e9)
        opt.step()
        if step % 100 == 0 or step == steps - 1:
            print(json.dumps({"stage": tag, "step": step, "loss": round(float(loss), 3), "gn": round(float(gn), 2),
                              "bce": round(terms["bce2"], 3), "l1": round(terms["l1" + str(len(outs) - 1)], 3),
                              "giou": round(terms["giou" + str(len(outs) - 1)], 3), "s": round(time.time() - t0, 1)}), flush=True)
        if val is not None and a.eval_every and (step + 1) % a.eval_every == 0:
            vimgs, vrows, vby = val
            t, f = sweep(vrows, predict(model, vimgs, vrows, vby))
            print(json.dumps({"stage": tag, "step": step + 1, "val_thr": t, **{k: round(v, 3) for k, v in f.items()}}), flush=True)


model = Model().to(dev)
if a.bn == "frozen":
    for m in model.backbone.modules():
        if isinstance(m, nn.BatchNorm2d):
            m.eval(); m.train = lambda mode=True, m=m: m  # identity statistics, never updated
val = load("val-expert")
if a.weak_steps:
    train_stage(model, load("train-weak"), a.weak_steps, "weak", None)
tr = load("train-expert")
if a.expert_subset:
    imgs, rows, by = tr
    rows = rows[:a.expert_subset]
    by = {}
    for r in rows:
        by.setdefault(r["img"], []).append(r)
    tr = (imgs, rows, by)
train_stage(model, tr, a.steps, "expert", val)
vimgs, vrows, vby = val
thr, vf = sweep(vrows, predict(model, vimgs, vrows, vby))
timgs, trows, tby = load("test-expert")
tp = predict(model, timgs, trows, tby)
tf = evaluate(trows, tp, thr)
sf = evaluate(trows, predict(model, timgs, trows, tby, shuffle=True), thr)
print(json.dumps({"final": True, "args": vars(a), "val_thr": thr, "val": {k: round(v, 3) for k, v in vf.items()},
                  "test": {k: round(v, 3) for k, v in tf.items()}, "test_shuffled": {k: round(v, 3) for k, v in sf.items()}}), flush=True)
