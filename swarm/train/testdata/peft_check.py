"""Checks a LoRA delivery as Hugging Face PEFT would read it, with torch
alone (Debian has no python3-peft or python3-safetensors: the files are
parsed by torch_replay.read_safetensors, the format being that simple).

    python3 peft_check.py BASE.safetensors ADAPTER_DIR MERGED.safetensors

ADAPTER_DIR holds adapter_config.json and adapter_model.safetensors. The
script checks the config as PEFT's LoraConfig reads it, that every tensor
has PEFT's name and shape (lora_A.weight r x in, lora_B.weight out x r,
under base_model.model.transformer.), that the merged model is, weight by
weight, base + lora_alpha / r * (B @ A).T (fan_in_fan_out: Conv1D weights
are in x out) and the base elsewhere, and that the adapted model (PEFT's
forward: x @ W + b + (x @ A.T @ B.T) * scaling) and the merged one give the
same logits. It prints one JSON object of the figures, and exits non-zero
with the reason on any failure.
"""
import json
import os
import sys

import torch

from torch_replay import GPT2, read_safetensors

PREFIX = "base_model.model.transformer."


def fail(msg):
    print(msg, file=sys.stderr)
    sys.exit(1)


def main(base_path, adapter_dir, merged_path):
    base, cfg = read_safetensors(base_path)
    merged, _ = read_safetensors(merged_path)
    conf = json.load(open(os.path.join(adapter_dir, "adapter_config.json")))
    for key, want in {"peft_type": "LORA", "fan_in_fan_out": True, "bias": "none",
                      "task_type": "CAUSAL_LM", "lora_dropout": 0}.items():
        if conf.get(key) != want:
            fail(f"adapter_config.json: {key} is {conf.get(key)!r}, want {want!r}")
    r, scaling = conf["r"], conf["lora_alpha"] / conf["r"]
    targets = conf["target_modules"]
    adapter, _ = read_safetensors(os.path.join(adapter_dir, "adapter_model.safetensors"))
    seen, adapted, worst_merge = set(), set(), 0.0
    for name, w in base.items():
        if not name.endswith(".weight") or name.count(".") < 3:
            continue
        mod = name[: -len(".weight")]
        if mod.split(".")[-1] not in targets:
            continue
        a_name, b_name = PREFIX + mod + ".lora_A.weight", PREFIX + mod + ".lora_B.weight"
        if a_name not in adapter or b_name not in adapter:
            fail(f"no {a_name} / {b_name} in the adapter")
        A, B = adapter[a_name], adapter[b_name]
        if list(A.shape) != [r, w.shape[0]] or list(B.shape) != [w.shape[1], r]:
            fail(f"{mod}: lora_A {list(A.shape)}, lora_B {list(B.shape)} for a weight of {list(w.shape)}")
        want = w + scaling * (B @ A).t()
        worst_merge = max(worst_merge, (merged[name] - want).abs().max().item())
        seen.update([a_name, b_name])
        adapted.add(name)
    if seen != set(adapter):
        fail(f"unexpected adapter tensors: {sorted(set(adapter) - seen)}")
    if not seen:
        fail("the adapter adapts nothing")
    for name, w in base.items():
        if name not in adapted and not torch.equal(merged[name], w):
            fail(f"{name} is not adapted, yet the merged model changed it")
    if worst_merge > 1e-5:
        fail(f"merged weights differ from base + scaling * (B @ A).T by {worst_merge}")

    # The adapted model, PEFT's way, against the merged model.
    names = {n[len(PREFIX):]: t for n, t in adapter.items()}
    with torch.no_grad():
        tokens = torch.arange(min(16, cfg["n_positions"])).view(1, -1) % cfg["vocab_size"]
        lora = GPT2(base, cfg, names, {"r": r, "alpha": conf["lora_alpha"]})(tokens)
        plain = GPT2(merged, cfg)(tokens)
        unadapted = GPT2(base, cfg)(tokens)
    logit_diff = (lora - plain).abs().max().item()
    moved = (lora - unadapted).abs().max().item()
    if logit_diff > 1e-4:
        fail(f"adapted and merged logits differ by {logit_diff}")
    if moved < 1e-4:
        fail(f"the adapter does not change the logits ({moved})")
    print(json.dumps({"tensors": len(adapter), "merge_diff": worst_merge, "logit_diff": logit_diff,
                      "adapter_effect": moved, "torch": torch.__version__}))


if __name__ == "__main__":
    main(*sys.argv[1:4])
