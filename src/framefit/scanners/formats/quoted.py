"""Which lines of a file hold a quoted text: an index built once, so finding the line of each of
a file's values costs a lookup, not a scan of the lines after the last one found."""

from __future__ import annotations

from bisect import bisect_left


class QuotedIndex:
    """For one quote character: text -> the 1-based lines where `<q>text<q>` is written."""

    def __init__(self, lines: list[str], quote: str) -> None:
        self.quote = quote
        self._lines: dict[str, list[int]] = {}
        for number, line in enumerate(lines, start=1):
            if quote not in line:
                continue
            # Between every two quotes of a line: every text that is written quoted on it.
            for inner in line.split(quote)[1:-1]:
                found = self._lines.setdefault(inner, [])
                if not found or found[-1] != number:
                    found.append(number)

    def first(self, text: str, start: int = 1) -> int | None:
        """The first line at or after `start` where `text` is written quoted, else None.

        A text that holds the quote itself is never written between two of them.
        """
        return first_at(self._lines.get(text, []) if self.quote not in text else [], start)


def first_at(numbers: list[int], start: int) -> int | None:
    """The first of the sorted `numbers` at or after `start`, else None."""
    at = bisect_left(numbers, start)
    return numbers[at] if at < len(numbers) else None
