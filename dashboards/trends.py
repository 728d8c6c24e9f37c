"""A chart's story in one plain sentence, for people who do not read charts and for screen readers.

"Re-let time has worsened for three quarters and is now in the bottom quartile." The sentence says which way is
better for the indicator, so "worsened" means the same whether the figure went up or down.
"""

from __future__ import annotations

from core import variance

COUNTS = {2: "two", 3: "three", 4: "four", 5: "five", 6: "six", 7: "seven", 8: "eight"}
QUARTILES = {1: "the top quartile", 2: "the second quartile", 3: "the third quartile", 4: "the bottom quartile"}


def run_of_moves(history: list, polarity: str) -> tuple[str | None, int]:
    """The direction of the latest move and how many quarters in a row it has gone that way.

    `history` is oldest first, None where there was no figure; a gap ends the run.
    """
    moves = []
    for earlier, later in zip(history, history[1:], strict=False):
        moves.append(variance.trend(later, earlier, polarity))
    if not moves or moves[-1] is None:
        return None, 0
    latest = moves[-1]
    length = 0
    for move in reversed(moves):
        if move != latest:
            break
        length += 1
    return latest, length


def trend_sentence(name: str, history: list, polarity: str, quartile: int | None = None) -> str:
    """What a line has done lately, and where it stands among peers when `quartile` (1 is best) is known."""
    direction, length = run_of_moves(history, polarity)
    quarters = "the last quarter" if length == 1 else f"{COUNTS.get(length, str(length))} quarters in a row"
    if direction is None:
        story = f"{name} has no figure for the quarter before to compare with"
    elif direction == variance.IMPROVING:
        story = f"{name} has improved for {quarters}" if length > 1 else f"{name} improved on the quarter before"
    elif direction == variance.WORSENING:
        story = f"{name} has worsened for {quarters}" if length > 1 else f"{name} worsened on the quarter before"
    elif direction == variance.NO_CHANGE:
        story = f"{name} has not changed since the quarter before"
    else:
        moved = "gone up" if direction == variance.UP else "gone down"
        story = f"{name} has {moved} for {quarters}" if length > 1 else f"{name} has {moved} since the quarter before"
    if quartile in QUARTILES:
        joiner = " and is now in " if direction in (variance.WORSENING, variance.IMPROVING) else " and is in "
        return f"{story}{joiner}{QUARTILES[quartile]} of its peers."
    return f"{story}."
