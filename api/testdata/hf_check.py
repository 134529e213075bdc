"""Opens a model directory of GET /intents/{id}/weights?format=tar as
Hugging Face's from_pretrained does, and fails loudly where it would.

    python3 hf_check.py DIR

With transformers installed it loads GPT2LMHeadModel and, when the
directory has one, the tokenizer, and runs one forward pass. Without it
(Debian ships no python3-transformers) it checks what from_pretrained
reads, by Hugging Face's names: config.json (model_type gpt2, the GPT-2
keys, bos/eos ids within the vocabulary), model.safetensors (the header
format, every GPT-2 tensor with its shape, F32, no holes; with torch the
tensors are built and checked finite, the head tied to wte), and
tokenizer.json (BPE, <|endoftext|> at the config's eos id) with
tokenizer_config.json. It prints one line saying what it checked.
"""
import json
import os
import struct
import sys


def fail(msg):
    print("hf_check: " + msg, file=sys.stderr)
    sys.exit(1)


def gpt2_shapes(c):
    C, L = c["n_embd"], c["n_layer"]
    s = {"wte.weight": [c["vocab_size"], C], "wpe.weight": [c["n_positions"], C],
         "ln_f.weight": [C], "ln_f.bias": [C]}
    for i in range(L):
        h = f"h.{i}."
        s.update({h + "ln_1.weight": [C], h + "ln_1.bias": [C],
                  h + "attn.c_attn.weight": [C, 3 * C], h + "attn.c_attn.bias": [3 * C],
                  h + "attn.c_proj.weight": [C, C], h + "attn.c_proj.bias": [C],
                  h + "ln_2.weight": [C], h + "ln_2.bias": [C],
                  h + "mlp.c_fc.weight": [C, 4 * C], h + "mlp.c_fc.bias": [4 * C],
                  h + "mlp.c_proj.weight": [4 * C, C], h + "mlp.c_proj.bias": [C]})
    return s


def with_transformers(d, has_tok):
    import torch
    from transformers import AutoTokenizer, GPT2LMHeadModel
    m = GPT2LMHeadModel.from_pretrained(d)
    ids = torch.tensor([[0, 1, 2]])
    if has_tok:
        tok = AutoTokenizer.from_pretrained(d)
        ids = torch.tensor([tok("hello world").input_ids[:m.config.n_positions]])
    logits = m(ids).logits
    assert logits.shape[-1] == m.config.vocab_size
    print(f"transformers loaded {sum(p.numel() for p in m.parameters())} parameters and ran a forward pass")


def by_names(d, has_tok):
    c = json.load(open(os.path.join(d, "config.json")))
    if c.get("model_type") != "gpt2" or c.get("architectures") != ["GPT2LMHeadModel"]:
        fail(f"config.json: model_type {c.get('model_type')}, architectures {c.get('architectures')}")
    for k in ("vocab_size", "n_positions", "n_embd", "n_layer", "n_head", "layer_norm_epsilon", "bos_token_id", "eos_token_id"):
        if k not in c:
            fail(f"config.json has no {k}")
    for k in ("bos_token_id", "eos_token_id"):
        v = c[k]
        if has_tok and not (isinstance(v, int) and 0 <= v < c["vocab_size"]):
            fail(f"config.json {k} = {v!r}: a BPE model needs its end-of-text id")
        if not has_tok and v is not None:
            fail(f"config.json {k} = {v!r}: a byte-level model has no such token")
    with open(os.path.join(d, "model.safetensors"), "rb") as f:
        b = f.read()
    (n,) = struct.unpack("<Q", b[:8])
    header = json.loads(b[8:8 + n])
    header.pop("__metadata__", None)
    want = gpt2_shapes(c)
    names = {k[len("transformer."):] if k.startswith("transformer.") else k: k for k in header
             if not k.endswith(".attn.bias") and not k.endswith(".attn.masked_bias") and k != "lm_head.weight"}
    if set(names) != set(want):
        fail(f"model.safetensors: tensors {sorted(set(names) ^ set(want))[:8]} differ from GPT-2's")
    spans = []
    for short, full in names.items():
        e = header[full]
        if e["dtype"] != "F32" or e["shape"] != want[short]:
            fail(f"{full}: {e['dtype']} {e['shape']}, want F32 {want[short]}")
        spans.append(tuple(e["data_offsets"]))
    spans.sort()
    end = 0
    for lo, hi in spans:
        if lo != end:
            fail("model.safetensors: the data has a hole or an overlap")
        end = hi
    if 8 + n + end != len(b):
        fail("model.safetensors: the data does not end the file")
    what = f"{len(names)} tensors by GPT-2's names and shapes"
    try:
        import torch
        total = 0
        for short, full in names.items():
            lo, hi = header[full]["data_offsets"]
            t = torch.frombuffer(bytearray(b[8 + n + lo:8 + n + hi]), dtype=torch.float32).reshape(want[short])
            if not torch.isfinite(t).all():
                fail(f"{full} holds a value that is not finite")
            total += t.numel()
        what += f", {total} finite parameters built in torch"
    except ImportError:
        pass
    if has_tok:
        t = json.load(open(os.path.join(d, "tokenizer.json")))
        if t["model"]["type"] != "BPE":
            fail("tokenizer.json is not a BPE")
        eot = [a["id"] for a in t.get("added_tokens", []) if a["content"] == "<|endoftext|>"]
        if eot != [c["eos_token_id"]]:
            fail(f"tokenizer.json's <|endoftext|> is {eot}, config.json's eos_token_id {c['eos_token_id']}")
        tc = json.load(open(os.path.join(d, "tokenizer_config.json")))
        if tc.get("eos_token") != "<|endoftext|>" or tc.get("model_max_length") != c["n_positions"]:
            fail(f"tokenizer_config.json: {tc}")
        what += f", tokenizer.json with <|endoftext|> = {eot[0]}"
    print("checked by names (no transformers): config.json, " + what)


def main(d):
    has_tok = os.path.exists(os.path.join(d, "tokenizer.json"))
    try:
        import transformers  # noqa: F401
    except ImportError:
        return by_names(d, has_tok)
    with_transformers(d, has_tok)


if __name__ == "__main__":
    main(sys.argv[1])
