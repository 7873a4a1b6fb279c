"""Write a synthetic data/ tree of about N triples: `python bench/generate.py --triples 100000
--seed 1 --out bench/corpora/100k [--errors N]`. The same seed gives byte-identical files."""

from __future__ import annotations

import argparse
import json
import shutil
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from synth import yamlout
from synth.events import Events
from synth.inject import KINDS, inject
from synth.world import World

#: triples one unit of scale yields (calibrated on seeds 1-3 at 10k-1M; see bench/README.md)
TRIPLES_PER_UNIT = 10_000


def generate(triples: int, seed: int, errors: int = 0) -> tuple[dict[str, str], list[dict]]:
    """The files (path under data/ -> text) and the errors injected into them."""
    world = World(seed, triples / TRIPLES_PER_UNIT)
    Events(world).populate()
    world.finish()
    injected = inject(world, errors) if errors else []
    texts = {path: yamlout.dump(record) for path, record in sorted(world.files.items())}
    return texts, injected


def write(out: Path, texts: dict[str, str], injected: list[dict]) -> None:
    """Replace `out` with a `data/` tree and `injected.json`."""
    if out.exists():
        shutil.rmtree(out)
    data = out / "data"
    for folder in sorted({str(Path(p).parent) for p in texts}):
        (data / folder).mkdir(parents=True, exist_ok=True)
    for path, text in texts.items():
        (data / path).write_text(text, encoding="utf-8")
    (out / "injected.json").write_text(json.dumps(injected, indent=1, ensure_ascii=False) + "\n",
                                      encoding="utf-8")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--triples", type=int, required=True, help="approximate size")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--out", type=Path, required=True, help="folder to (re)create")
    parser.add_argument("--errors", type=int, default=0,
                        help=f"errors of each kind to inject ({', '.join(KINDS)})")
    args = parser.parse_args(argv)
    try:
        texts, injected = generate(args.triples, args.seed, args.errors)
    except ValueError as exc:
        parser.error(str(exc))
    write(args.out, texts, injected)
    print(f"wrote {len(texts)} fact files and {len(injected)} injected errors to {args.out}/data")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
