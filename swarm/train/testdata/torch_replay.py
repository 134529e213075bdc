"""Replays an `axl train` run in PyTorch, as an independent check of its
arithmetic: GPT-2 written with torch's own layers and torch.optim.AdamW,
the same initial weights, the same batches, the same learning rates.

    python3 torch_replay.py DIR

DIR holds what the Go test wrote: init.safetensors (the initial weights,
Hugging Face GPT-2 names, F32, config in the metadata under axl.config),
batches.bin (int32 little-endian: per step, batch*seq tokens then
batch*seq targets, -1 where a target is not learnt) and run.json (the
hyper-parameters and the learning rate of each step). It prints one JSON
object: the loss of each step, the final weights (name -> list) and the
tokens per second of the replay's steps on `threads` threads.

With "lora" in run.json ({"r", "alpha", "targets"}), DIR also holds
adapter.safetensors (the adapter's initial lora_A and lora_B, named
h.0.attn.c_attn.lora_A.weight and so on, PEFT's layout: A is r x in, B is
out x r); the base weights are frozen, each targeted module computes
x @ W + b + (x @ A.T @ B.T) * alpha / r as PEFT's Linear does, AdamW
trains the adapter alone, and the final weights printed are the
adapter's and the base's. With "weights": false in run.json (a benchmark
of a large model) no weights are printed.
"""
import json
import math
import struct
import sys
import time

import torch
import torch.nn.functional as F


def read_safetensors(path):
    with open(path, "rb") as f:
        b = f.read()
    (n,) = struct.unpack("<Q", b[:8])
    header = json.loads(b[8:8 + n])
    meta = header.pop("__metadata__", {})
    base = 8 + n
    tensors = {}
    for name, e in header.items():
        assert e["dtype"] == "F32", (name, e["dtype"])
        lo, hi = e["data_offsets"]
        t = torch.frombuffer(bytearray(b[base + lo:base + hi]), dtype=torch.float32)
        tensors[name] = t.reshape(e["shape"]).clone()
    return tensors, json.loads(meta["axl.config"]) if "axl.config" in meta else None


class GPT2(torch.nn.Module):
    """GPT-2 with Conv1D-layout weights (y = x @ W + b) and a tied head."""

    def __init__(self, w, cfg, adapter=None, lora=None):
        super().__init__()
        self.cfg = cfg
        self.names = list(w)
        self.p = torch.nn.ParameterDict({n.replace(".", "__"): torch.nn.Parameter(t) for n, t in w.items()})
        self.lora_names = list(adapter or {})
        self.lora = torch.nn.ParameterDict({n.replace(".", "__"): torch.nn.Parameter(t) for n, t in (adapter or {}).items()})
        self.scaling = lora["alpha"] / lora["r"] if lora else 0.0
        if adapter:
            for p in self.p.values():
                p.requires_grad_(False)

    def w(self, name):
        key = name.replace(".", "__")
        return self.lora[key] if key in self.lora else self.p[key]

    def linear(self, mod, x):
        y = x @ self.w(mod + ".weight") + self.w(mod + ".bias")
        a = mod + ".lora_A.weight"
        if a in self.lora_names:
            y = y + (x @ self.w(a).t()) @ self.w(mod + ".lora_B.weight").t() * self.scaling
        return y

    def forward(self, tokens):
        B, T = tokens.shape
        C, H, eps = self.cfg["n_embd"], self.cfg["n_head"], self.cfg["layer_norm_epsilon"]
        x = self.w("wte.weight")[tokens] + self.w("wpe.weight")[:T]
        mask = torch.ones(T, T, dtype=torch.bool).tril()
        for l in range(self.cfg["n_layer"]):
            h = f"h.{l}."
            a = F.layer_norm(x, (C,), self.w(h + "ln_1.weight"), self.w(h + "ln_1.bias"), eps)
            qkv = self.linear(h + "attn.c_attn", a)
            q, k, v = qkv.split(C, dim=2)
            q, k, v = (t.view(B, T, H, C // H).transpose(1, 2) for t in (q, k, v))
            att = (q @ k.transpose(-2, -1)) / math.sqrt(C // H)
            att = att.masked_fill(~mask, float("-inf")).softmax(dim=-1)
            y = (att @ v).transpose(1, 2).reshape(B, T, C)
            x = x + self.linear(h + "attn.c_proj", y)
            m = F.layer_norm(x, (C,), self.w(h + "ln_2.weight"), self.w(h + "ln_2.bias"), eps)
            m = F.gelu(self.linear(h + "mlp.c_fc", m), approximate="tanh")
            x = x + self.linear(h + "mlp.c_proj", m)
        x = F.layer_norm(x, (C,), self.w("ln_f.weight"), self.w("ln_f.bias"), eps)
        return x @ self.w("wte.weight").t()


def main(d):
    run = json.load(open(f"{d}/run.json"))
    torch.set_num_threads(run["threads"])
    w, cfg = read_safetensors(f"{d}/init.safetensors")
    lora = run.get("lora")
    adapter = read_safetensors(f"{d}/adapter.safetensors")[0] if lora else None
    model = GPT2(w, cfg, adapter, lora)
    trained = model.lora_names if lora else model.names
    decay = [model.w(n) for n in trained if n in run["decay"]]
    rest = [model.w(n) for n in trained if n not in run["decay"]]
    opt = torch.optim.AdamW([{"params": decay, "weight_decay": run["weight_decay"]},
                             {"params": rest, "weight_decay": 0.0}],
                            lr=run["lrs"][0], betas=(run["beta1"], run["beta2"]), eps=run["eps"])
    B, T = run["batch"], run["seq"]
    raw = open(f"{d}/batches.bin", "rb").read()
    batches = torch.frombuffer(bytearray(raw), dtype=torch.int32).view(len(run["lrs"]), 2, B, T).long()
    losses = []
    start = time.perf_counter()
    for step, lr in enumerate(run["lrs"]):
        tokens, targets = batches[step, 0], batches[step, 1]
        logits = model(tokens)
        if (targets != -1).any():
            loss = F.cross_entropy(logits.view(B * T, -1), targets.reshape(-1), ignore_index=-1)
        else:
            loss = logits.sum() * 0.0
        opt.zero_grad()
        loss.backward()
        if run["clip"] > 0:
            torch.nn.utils.clip_grad_norm_([model.w(n) for n in trained], run["clip"])
        for g in opt.param_groups:
            g["lr"] = lr
        opt.step()
        losses.append(loss.item())
    elapsed = time.perf_counter() - start
    print(json.dumps({
        "losses": losses,
        # A benchmark of a large model asks for none ("weights": false).
        "weights": {n: model.w(n).detach().reshape(-1).tolist()
                    for n in model.names + model.lora_names} if run.get("weights", True) else {},
        "tokens_per_second": len(run["lrs"]) * B * T / elapsed,
        "torch": torch.__version__,
    }))


if __name__ == "__main__":
    main(sys.argv[1])
