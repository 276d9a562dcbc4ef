"""How officials write figures in running text: 近400件, 970余次, 约16200件, 6件.

Pure functions, no I/O. Exact figures always go in the tables beside the text; the phrase is what the
narrative says.

Rules of `official_phrase(n)` (n a count, ≥ 0):
1. Below 100, or a number that is already round at its step (400, 1200, 16200): the exact figure.
2. 近 — just under a round number: the next multiple of the leading place (399 → 400, 1980 → 2000,
   19950 → 20000) is above n by at most 2 % of it: 399 → 近400, 392 → 近400, 1990 → 近2000.
3. 约 — five digits and more: rounded half-up to three significant figures: 16213 → 约16200.
4. 余 — otherwise: rounded down to the tens (three digits) or hundreds (four digits), plus 余:
   973 → 970余, 206 → 200余, 764 → 760余, 1234 → 1200余.
"""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal

NEAR_SHARE = 0.02  # "just under": within 2 % below the round number


def official_phrase(n: int | float) -> str:
    """The figure as an official would write it in a 工作总结 (no unit): 近400, 970余, 约16200, 6."""
    if n is None:
        raise ValueError("official_phrase needs a number")
    if isinstance(n, float):
        if n != int(n):
            raise ValueError(f"official_phrase is for counts, got {n!r}")
        n = int(n)
    if n < 0:
        raise ValueError(f"official_phrase is for counts, got {n!r}")
    if n < 100:
        return str(n)
    digits = len(str(n))
    lead = 10 ** (digits - 1)  # the leading place: 100 for 399, 10000 for 16213
    above = -(-n // lead) * lead  # next multiple of the leading place, ≥ n
    if above != n and above - n <= NEAR_SHARE * above:
        return f"近{above}"
    if digits >= 5:
        step = 10 ** (digits - 3)
        rounded = int((Decimal(n) / step).quantize(Decimal(1), rounding=ROUND_HALF_UP)) * step
        return str(n) if rounded == n else f"约{rounded}"
    step = 10 if digits == 3 else 100
    floor = n // step * step
    return str(n) if floor == n else f"{floor}余"
