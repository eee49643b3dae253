"""Views of the works app: parse input, call one service or selector, render."""
