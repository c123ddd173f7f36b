#!/usr/bin/env python3
"""Renders a tmux `capture-pane -e -p` dump (text with SGR colour codes) as a PNG, like a terminal would.

Usage: ansi_to_png.py CAPTURE.txt OUT.png COLUMNS ROWS
"""
import re
import sys
import unicodedata

from PIL import Image, ImageDraw, ImageFont

# A dark terminal palette for the 8 ANSI colours (normal, bright).
PALETTE = [
    (30, 30, 30), (205, 49, 49), (13, 188, 121), (229, 229, 16),
    (36, 114, 200), (188, 63, 188), (17, 168, 205), (229, 229, 229),
]
BRIGHT = [
    (102, 102, 102), (241, 76, 76), (35, 209, 139), (245, 245, 67),
    (59, 142, 234), (214, 112, 214), (41, 184, 219), (255, 255, 255),
]
DEFAULT_FG = (212, 212, 212)
DEFAULT_BG = (24, 24, 24)
MONO = "/usr/share/fonts/truetype/dejavu/DejaVuSansMono.ttf"
MONO_BOLD = "/usr/share/fonts/truetype/dejavu/DejaVuSansMono-Bold.ttf"
WIDE_FONTS = [
    "/usr/share/fonts/truetype/wqy/wqy-zenhei.ttc",
    "/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc",
]
SIZE = 16
CELL_W, CELL_H = 10, 20
SGR = re.compile(r"\x1b\[([0-9;:]*)m")


def colour_256(n):
    if n < 8:
        return PALETTE[n]
    if n < 16:
        return BRIGHT[n - 8]
    if n < 232:
        n -= 16
        steps = [0, 95, 135, 175, 215, 255]
        return (steps[n // 36], steps[(n // 6) % 6], steps[n % 6])
    level = 8 + (n - 232) * 10
    return (level, level, level)


def cell_width(ch):
    if unicodedata.combining(ch):
        return 0
    if unicodedata.east_asian_width(ch) in ("W", "F") or ord(ch) >= 0x1F300:
        return 2
    return 1


class Style:
    def __init__(self):
        self.reset()

    def reset(self):
        self.fg, self.bg, self.bold, self.dim, self.underline, self.reverse = None, None, False, False, False, False

    def apply(self, params):
        codes = [int(p) if p else 0 for p in params.replace(":", ";").split(";")] if params else [0]
        i = 0
        while i < len(codes):
            c = codes[i]
            if c == 0:
                self.reset()
            elif c == 1:
                self.bold = True
            elif c == 2:
                self.dim = True
            elif c == 4:
                self.underline = True
            elif c == 7:
                self.reverse = True
            elif c == 22:
                self.bold = self.dim = False
            elif c == 24:
                self.underline = False
            elif c == 27:
                self.reverse = False
            elif 30 <= c <= 37:
                self.fg = PALETTE[c - 30]
            elif c == 39:
                self.fg = None
            elif 40 <= c <= 47:
                self.bg = PALETTE[c - 40]
            elif c == 49:
                self.bg = None
            elif 90 <= c <= 97:
                self.fg = BRIGHT[c - 90]
            elif 100 <= c <= 107:
                self.bg = BRIGHT[c - 100]
            elif c in (38, 48) and i + 2 < len(codes) and codes[i + 1] == 5:
                if c == 38:
                    self.fg = colour_256(codes[i + 2])
                else:
                    self.bg = colour_256(codes[i + 2])
                i += 2
            i += 1

    def colours(self):
        fg = self.fg or DEFAULT_FG
        bg = self.bg or DEFAULT_BG
        if self.bold and self.fg in PALETTE:
            fg = BRIGHT[PALETTE.index(self.fg)]
        if self.dim:
            fg = tuple((a + b) // 2 for a, b in zip(fg, bg))
        if self.reverse:
            fg, bg = bg, fg
        return fg, bg


def main():
    source, target, columns, rows = sys.argv[1], sys.argv[2], int(sys.argv[3]), int(sys.argv[4])
    mono = ImageFont.truetype(MONO, SIZE)
    bold = ImageFont.truetype(MONO_BOLD, SIZE)
    wide = next((ImageFont.truetype(p, SIZE) for p in WIDE_FONTS if __import__("os").path.exists(p)), mono)
    image = Image.new("RGB", (columns * CELL_W + 16, rows * CELL_H + 16), DEFAULT_BG)
    draw = ImageDraw.Draw(image)
    lines = open(source, encoding="utf-8").read().split("\n")[:rows]
    style = Style()
    for y, line in enumerate(lines):
        x = 0
        pos = 0
        while pos < len(line) and x < columns:
            match = SGR.match(line, pos)
            if match:
                style.apply(match.group(1))
                pos = match.end()
                continue
            ch = line[pos]
            pos += 1
            width = cell_width(ch)
            fg, bg = style.colours()
            left, top = 8 + x * CELL_W, 8 + y * CELL_H
            if width == 0:
                draw.text((left - CELL_W, top), ch, font=mono, fill=fg)
                continue
            draw.rectangle([left, top, left + width * CELL_W - 1, top + CELL_H - 1], fill=bg)
            font = wide if width == 2 else (bold if style.bold else mono)
            draw.text((left, top + 1), ch, font=font, fill=fg)
            if style.underline:
                draw.line([left, top + CELL_H - 3, left + width * CELL_W - 1, top + CELL_H - 3], fill=fg)
            x += width
    image.save(target)


if __name__ == "__main__":
    main()
