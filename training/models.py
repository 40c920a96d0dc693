"""The conditional U-Net epsilon_theta(x_t, t, digit, colour) and the evaluation classifier.

Every op here has a one-to-one TF.js counterpart (lib/imageModel/unet.ts, classifier.ts):
conv2d 3x3 (zero padding 1) / 1x1, GroupNorm (eps 1e-5), SiLU, 2x2 average pooling,
nearest-neighbour 2x upsampling, channel concat, dense layers, embedding lookups.
The architecture is fully described by a JSON spec (see default_unet_spec) that is exported
into the model manifest.
"""
import math

import torch
import torch.nn as nn
import torch.nn.functional as F


def default_unet_spec():
    return {
        "kind": "conditional-unet-v1",
        "imageSize": 28,
        "inChannels": 3,
        "outChannels": 3,
        # per resolution level: 28x28, 14x14, 7x7. Sized for the browser: single-threaded wasm must
        # run 50 DDIM steps x batch 32 (16 guided digits) in under 10 s. A 16/48/96 net with two
        # mid blocks (981,795 parameters, 67.9 M MACs) took 14-18 s there; this one is 2x cheaper.
        "channels": [16, 32, 64],
        "downBlocks": [1, 1, 1],  # residual blocks per level on the way down
        "midBlocks": 1,  # residual blocks at the lowest resolution
        "upBlocks": [1, 1, 1],  # residual blocks per level on the way up (first one takes the concat)
        "groups": 8,  # GroupNorm groups
        "groupNormEps": 1e-5,
        "timeEmbedDim": 64,  # sinusoidal features of t
        "embedDim": 128,  # width of the combined (time + digit + colour) embedding
        "numDigits": 10,  # + 1 "none" token at index numDigits
        "numColours": 9,  # + 1 "none" token at index numColours
        "timeIndexBase": 0,  # the network takes t as an integer index 0..T-1 (paper step t = index + 1)
    }


def timestep_embedding(t, dim):
    """Transformer sinusoidal embedding: [sin(t*f_i), cos(t*f_i)], f_i = 10000^(-i/half)."""
    half = dim // 2
    freqs = torch.exp(-math.log(10000.0) * torch.arange(half, dtype=torch.float32, device=t.device) / half)
    args = t.float()[:, None] * freqs[None, :]
    return torch.cat([torch.sin(args), torch.cos(args)], dim=1)


class ResBlock(nn.Module):
    def __init__(self, cin, cout, emb_dim, groups):
        super().__init__()
        self.norm1 = nn.GroupNorm(groups, cin)
        self.conv1 = nn.Conv2d(cin, cout, 3, padding=1)
        self.emb = nn.Linear(emb_dim, cout)
        self.norm2 = nn.GroupNorm(groups, cout)
        self.conv2 = nn.Conv2d(cout, cout, 3, padding=1)
        nn.init.zeros_(self.conv2.weight)
        nn.init.zeros_(self.conv2.bias)
        self.skip = nn.Conv2d(cin, cout, 1) if cin != cout else None

    def forward(self, x, emb_act):
        h = self.conv1(F.silu(self.norm1(x)))
        h = h + self.emb(emb_act)[:, :, None, None]
        h = self.conv2(F.silu(self.norm2(h)))
        return (self.skip(x) if self.skip is not None else x) + h


class UNet(nn.Module):
    """Forward structure (mirrored exactly in lib/imageModel/unet.ts):

    emb = time_mlp(sinusoidal(t)) + digit_table[digit] + colour_table[colour];  e = silu(emb)
    h = conv_in(x)
    for level l: h = downBlocks[l] res blocks (first changes channels); skip[l] = h;
                 if not last level: h = avgpool2x2(h)
    h = midBlocks res blocks
    for level l from last to first:
        if not last level: h = upsample_nearest2x(up_conv[l](h))   # 3x3 conv channels[l+1]->channels[l] at low res
        h = concat([h, skip[l]], channel axis); h = upBlocks[l] res blocks (first maps 2*ch -> ch)
    out = conv_out(silu(norm_out(h)))
    """

    def __init__(self, spec):
        super().__init__()
        self.spec = spec
        ch = spec["channels"]
        g = spec["groups"]
        ed = spec["embedDim"]
        self.time_mlp = nn.Sequential(nn.Linear(spec["timeEmbedDim"], ed), nn.SiLU(), nn.Linear(ed, ed))
        self.digit_emb = nn.Embedding(spec["numDigits"] + 1, ed)
        self.colour_emb = nn.Embedding(spec["numColours"] + 1, ed)
        self.conv_in = nn.Conv2d(spec["inChannels"], ch[0], 3, padding=1)
        self.down = nn.ModuleList()
        cin = ch[0]
        for lvl, c in enumerate(ch):
            blocks = nn.ModuleList()
            for _ in range(spec["downBlocks"][lvl]):
                blocks.append(ResBlock(cin, c, ed, g))
                cin = c
            self.down.append(blocks)
        self.mid = nn.ModuleList([ResBlock(cin, cin, ed, g) for _ in range(spec["midBlocks"])])
        self.up = nn.ModuleList()
        self.up_conv = nn.ModuleList()
        for lvl, c in enumerate(ch):
            self.up_conv.append(nn.Conv2d(ch[lvl + 1], c, 3, padding=1) if lvl + 1 < len(ch) else nn.Identity())
            blocks = nn.ModuleList()
            for i in range(spec["upBlocks"][lvl]):
                blocks.append(ResBlock(2 * c if i == 0 else c, c, ed, g))
            self.up.append(blocks)
        self.norm_out = nn.GroupNorm(g, ch[0])
        self.conv_out = nn.Conv2d(ch[0], spec["outChannels"], 3, padding=1)
        nn.init.zeros_(self.conv_out.weight)
        nn.init.zeros_(self.conv_out.bias)

    def forward(self, x, t, digit, colour):
        emb = self.time_mlp(timestep_embedding(t, self.spec["timeEmbedDim"]))
        emb = emb + self.digit_emb(digit) + self.colour_emb(colour)
        e = F.silu(emb)
        h = self.conv_in(x)
        skips = []
        n = len(self.spec["channels"])
        for lvl in range(n):
            for b in self.down[lvl]:
                h = b(h, e)
            skips.append(h)
            if lvl < n - 1:
                h = F.avg_pool2d(h, 2)
        for b in self.mid:
            h = b(h, e)
        for lvl in reversed(range(n)):
            if lvl < n - 1:
                h = F.interpolate(self.up_conv[lvl](h), scale_factor=2, mode="nearest")
            h = torch.cat([h, skips[lvl]], dim=1)
            for b in self.up[lvl]:
                h = b(h, e)
        return self.conv_out(F.silu(self.norm_out(h)))


def default_classifier_spec():
    return {
        "kind": "colour-digit-classifier-v1",
        "imageSize": 28,
        "inChannels": 3,
        "channels": [24, 48, 64],  # conv widths; each stage: conv3x3+GN+SiLU, conv3x3+GN+SiLU, avgpool2x2 (not after last)
        "groups": 8,
        "groupNormEps": 1e-5,
        "featureDim": 128,  # penultimate features: SiLU(dense(flatten in NHWC order of the 7x7 map))
        "numDigits": 10,
        "numColours": 9,
    }


class Classifier(nn.Module):
    """x -> (digit logits [N,10], colour logits [N,9], penultimate features [N,featureDim])."""

    def __init__(self, spec):
        super().__init__()
        self.spec = spec
        g = spec["groups"]
        self.convs = nn.ModuleList()
        self.norms = nn.ModuleList()
        cin = spec["inChannels"]
        for c in spec["channels"]:
            self.convs.append(nn.Conv2d(cin, c, 3, padding=1))
            self.norms.append(nn.GroupNorm(g, c))
            self.convs.append(nn.Conv2d(c, c, 3, padding=1))
            self.norms.append(nn.GroupNorm(g, c))
            cin = c
        side = spec["imageSize"] // 2 ** (len(spec["channels"]) - 1)
        self.fc = nn.Linear(side * side * cin, spec["featureDim"])
        self.digit_head = nn.Linear(spec["featureDim"], spec["numDigits"])
        self.colour_head = nn.Linear(spec["featureDim"], spec["numColours"])

    def forward(self, x):
        h = x
        n = len(self.spec["channels"])
        for s in range(n):
            for j in range(2):
                h = F.silu(self.norms[2 * s + j](self.convs[2 * s + j](h)))
            if s < n - 1:
                h = F.avg_pool2d(h, 2)
        # flatten in NHWC (h, w, c) order so that the TF.js rebuild can reshape its NHWC map directly
        feat = F.silu(self.fc(h.permute(0, 2, 3, 1).flatten(1)))
        return self.digit_head(feat), self.colour_head(feat), feat


# ---------------------------------------------------------------- diffusion utilities

def linear_schedule(T=1000, beta_1=1e-4, beta_T=0.02):
    betas = torch.linspace(beta_1, beta_T, T, dtype=torch.float64)
    alphas_cumprod = torch.cumprod(1.0 - betas, dim=0)
    return betas, alphas_cumprod


def guided_eps(model, x, t_idx, digit, colour, w, null_digit, null_colour):
    """eps~ = (1+w) eps(x, c) - w eps(x, none) (classifier-free guidance, Ho & Salimans Eq. 6).

    The unconditional half drops both conditions."""
    if w == 0:
        return model(x, t_idx, digit, colour)
    n = x.shape[0]
    xx = torch.cat([x, x])
    tt = torch.cat([t_idx, t_idx])
    dd = torch.cat([digit, torch.full_like(digit, null_digit)])
    cc = torch.cat([colour, torch.full_like(colour, null_colour)])
    e = model(xx, tt, dd, cc)
    return (1 + w) * e[:n] - w * e[n:]


def ddim_timesteps(T, S):
    """The DDIM sub-sequence the browser runs (lib/diffusion/samplers.ts ddimTimesteps, uniform):
    tau_i = round(i*T/S) for i = 1..S, paper steps 1..T, returned from the T side down.

    Integer arithmetic, so that halves round up as JavaScript's Math.round does (Python's round()
    would round them to even). tau_S = T always; tau_1 = round(T/S) >= 1."""
    if not (isinstance(T, int) and T >= 1):
        raise ValueError(f"T must be a positive whole number (got {T})")
    if not (isinstance(S, int) and 1 <= S <= T):
        raise ValueError(f"the number of steps S must be a whole number from 1 to T = {T} (got {S})")
    tau, last = [], 0
    for i in range(1, S + 1):
        v = max((2 * i * T + S) // (2 * S), last + 1)  # floor(i*T/S + 1/2)
        tau.append(v)
        last = v
    assert tau[-1] == T, f"internal: DDIM sub-sequence ends at {tau[-1]}, not T = {T}"
    return tau[::-1]


@torch.no_grad()
def ddim_sample(model, alphas_cumprod, digit, colour, steps=50, w=2.0, generator=None,
                null_digit=10, null_colour=9, clip=True):
    """Deterministic DDIM (eta = 0) on the browser's sub-sequence (ddim_timesteps).

    The network and alphas_cumprod are indexed by t - 1 (paper step t = index + 1)."""
    device = next(model.parameters()).device
    T = alphas_cumprod.shape[0]
    n = digit.shape[0]
    x = torch.randn(n, 3, 28, 28, generator=generator).to(device)
    ac = alphas_cumprod.to(device)
    taus = ddim_timesteps(T, steps)
    for k, t in enumerate(taus):
        t_prev = taus[k + 1] if k + 1 < len(taus) else 0
        a_t = ac[t - 1].float()
        a_prev = ac[t_prev - 1].float() if t_prev > 0 else torch.tensor(1.0, device=device)
        tt = torch.full((n,), t - 1, dtype=torch.long, device=device)
        eps = guided_eps(model, x, tt, digit, colour, w, null_digit, null_colour)
        x0 = (x - (1 - a_t).sqrt() * eps) / a_t.sqrt()
        if clip:
            x0 = x0.clamp(-1, 1)
            eps = (x - a_t.sqrt() * x0) / (1 - a_t).sqrt()
        x = a_prev.sqrt() * x0 + (1 - a_prev).sqrt() * eps
    return x.clamp(-1, 1)


def load_exported(model_dir, model_class):
    """Rebuilds a model from public/models/<name>/ (model.json + its float16 shard): the files the
    browser downloads, converted back to the PyTorch layout (HWIO -> OIHW, [in,out] -> [out,in])."""
    import json
    import os
    import numpy as np
    with open(os.path.join(model_dir, "model.json")) as f:
        mj = json.load(f)
    model = model_class(mj["spec"])
    types = {n: type(m).__name__ for n, m in model.named_modules()}
    state = {}
    for group in mj["weightsManifest"]:
        data = b"".join(open(os.path.join(model_dir, p), "rb").read() for p in group["paths"])
        off = 0
        for e in group["weights"]:
            n = int(np.prod(e["shape"])) if e["shape"] else 1
            q = (e.get("quantization") or {}).get("dtype")
            if q == "float16":
                a = np.frombuffer(data, dtype="<f2", count=n, offset=off).astype(np.float32)
                off += 2 * n
            elif q is None:
                a = np.frombuffer(data, dtype="<f4", count=n, offset=off).copy()
                off += 4 * n
            else:
                raise ValueError(f"{model_dir}: unsupported quantization {q}")
            a = a.reshape(e["shape"])
            kind = types.get(e["name"].rsplit(".", 1)[0])
            if e["name"].endswith(".weight") and kind == "Conv2d":
                a = a.transpose(3, 2, 0, 1)  # HWIO -> OIHW
            elif e["name"].endswith(".weight") and kind == "Linear":
                a = a.T
            state[e["name"]] = torch.from_numpy(np.ascontiguousarray(a))
    model.load_state_dict(state)
    return model.eval(), mj["spec"]


def count_params(m):
    return sum(p.numel() for p in m.parameters())


def conv_macs(model, x_shape, *extra):
    """Multiply-accumulates of conv and linear layers for one forward pass (hooks)."""
    total = [0]

    def conv_hook(mod, inp, out):
        k = mod.kernel_size[0] * mod.kernel_size[1]
        total[0] += out.numel() * k * mod.in_channels // mod.groups

    def lin_hook(mod, inp, out):
        total[0] += out.numel() * mod.in_features

    hs = []
    for mod in model.modules():
        if isinstance(mod, nn.Conv2d):
            hs.append(mod.register_forward_hook(conv_hook))
        elif isinstance(mod, nn.Linear):
            hs.append(mod.register_forward_hook(lin_hook))
    with torch.no_grad():
        model(torch.zeros(x_shape), *extra)
    for h in hs:
        h.remove()
    return total[0]
