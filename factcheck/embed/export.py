"""Export a sentence-transformers model folder to one ONNX graph (transformer, mean pooling, L2 norm); quantise it.

Imported only when the ONNX model is built (it needs torch and transformers); the runtime side is `onnx.py`.
"""

from __future__ import annotations

import contextlib
import inspect
import logging
import os
import warnings
from collections.abc import Iterator
from pathlib import Path

import torch

OPSET = 17
INPUTS = ("input_ids", "attention_mask")


class _Pooled(torch.nn.Module):
    """The transformer followed by the mean of its token states over the mask, scaled to unit length."""

    def __init__(self, transformer: torch.nn.Module) -> None:
        super().__init__()
        self.transformer = transformer
        self.types = "token_type_ids" in inspect.signature(transformer.forward).parameters

    def forward(self, input_ids: torch.Tensor, attention_mask: torch.Tensor) -> torch.Tensor:
        """Unit vectors, one per row of `input_ids`."""
        extra = {"token_type_ids": torch.zeros_like(input_ids)} if self.types else {}
        states = self.transformer(input_ids=input_ids, attention_mask=attention_mask, **extra).last_hidden_state
        mask = attention_mask.unsqueeze(-1).to(states.dtype)
        mean = (states * mask).sum(1) / mask.sum(1).clamp(min=1e-9)
        return torch.nn.functional.normalize(mean, p=2.0, dim=1)


@contextlib.contextmanager
def _quiet() -> Iterator[None]:
    """No export warnings, progress bars or quantiser advice on stderr (cli.py is the only module that prints)."""
    root = logging.getLogger()
    level = root.level
    root.setLevel(logging.ERROR)
    os.environ.setdefault("HF_HUB_OFFLINE", "1")
    os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            yield
    finally:
        root.setLevel(level)


def export_fp32(folder: Path, out: Path) -> None:
    """Write the model in `folder` as an fp32 ONNX graph with dynamic batch and sequence axes."""
    from transformers import AutoModel
    from transformers.utils import logging as hf_logging

    with _quiet():
        hf_logging.disable_progress_bar()
        hf_logging.set_verbosity_error()
        model = _Pooled(AutoModel.from_pretrained(str(folder), attn_implementation="eager").eval())
        sample = torch.ones((2, 8), dtype=torch.long)
        axes = {"input_ids": {0: "batch", 1: "tokens"}, "attention_mask": {0: "batch", 1: "tokens"}}
        with torch.no_grad():
            torch.onnx.export(
                model,
                (sample, sample),
                str(out),
                input_names=list(INPUTS),
                output_names=["embedding"],
                dynamic_axes={**axes, "embedding": {0: "batch"}},
                opset_version=OPSET,
                dynamo=False,
            )


def quantise_int8(fp32: Path, out: Path) -> None:
    """Dynamic int8: weights per output channel, activations per tensor at run time; MatMul nodes only."""
    from onnxruntime.quantization import QuantType, quantize_dynamic

    with _quiet():
        quantize_dynamic(
            str(fp32), str(out), per_channel=True, op_types_to_quantize=["MatMul"], weight_type=QuantType.QInt8
        )
