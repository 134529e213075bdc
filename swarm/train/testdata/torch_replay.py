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
    return tensors, json.loads(meta["axl.config"])


class GPT2(torch.nn.Module):
    """GPT-2 with Conv1D-layout weights (y = x @ W + b) and a tied head."""

    def __init__(self, w, cfg):
        super().__init__()
        self.cfg = cfg
        self.names = list(w)
        self.p = torch.nn.ParameterDict({n.replace(".", "__"): torch.nn.Parameter(t) for n, t in w.items()})

    def w(self, name):
        return self.p[name.replace(".", "__")]

    def forward(self, tokens):
        B, T = tokens.shape
        C, H, eps = self.cfg["n_embd"], self.cfg["n_head"], self.cfg["layer_norm_epsilon"]
        x = self.w("wte.weight")[tokens] + self.w("wpe.weight")[:T]
        mask = torch.ones(T, T, dtype=torch.bool).tril()
        for l in range(self.cfg["n_layer"]):
            h = f"h.{l}."
            a = F.layer_norm(x, (C,), self.w(h + "ln_1.weight"), self.w(h + "ln_1.bias"), eps)
            qkv = a @ self.w(h + "attn.c_attn.weight") + self.w(h + "attn.c_attn.bias")
            q, k, v = qkv.split(C, dim=2)
            q, k, v = (t.view(B, T, H, C // H).transpose(1, 2) for t in (q, k, v))
            att = (q @ k.transpose(-2, -1)) / math.sqrt(C // H)
            att = att.masked_fill(~mask, float("-inf")).softmax(dim=-1)
            y = (att @ v).transpose(1, 2).reshape(B, T, C)
            x = x + y @ self.w(h + "attn.c_proj.weight") + self.w(h + "attn.c_proj.bias")
            m = F.layer_norm(x, (C,), self.w(h + "ln_2.weight"), self.w(h + "ln_2.bias"), eps)
            m = F.gelu(m @ self.w(h + "mlp.c_fc.weight") + self.w(h + "mlp.c_fc.bias"), approximate="tanh")
            x = x + m @ self.w(h + "mlp.c_proj.weight") + self.w(h + "mlp.c_proj.bias")
        x = F.layer_norm(x, (C,), self.w("ln_f.weight"), self.w("ln_f.bias"), eps)
        return x @ self.w("wte.weight").t()


def main(d):
    run = json.load(open(f"{d}/run.json"))
    torch.set_num_threads(run["threads"])
    w, cfg = read_safetensors(f"{d}/init.safetensors")
    model = GPT2(w, cfg)
    decay = [model.w(n) for n in model.names if n in run["decay"]]
    rest = [model.w(n) for n in model.names if n not in run["decay"]]
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
            torch.nn.utils.clip_grad_norm_(list(model.parameters()), run["clip"])
        for g in opt.param_groups:
            g["lr"] = lr
        opt.step()
        losses.append(loss.item())
    elapsed = time.perf_counter() - start
    print(json.dumps({
        "losses": losses,
        "weights": {n: model.w(n).detach().reshape(-1).tolist() for n in model.names},
        "tokens_per_second": len(run["lrs"]) * B * T / elapsed,
        "torch": torch.__version__,
    }))


if __name__ == "__main__":
    main(sys.argv[1])
