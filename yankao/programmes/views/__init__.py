"""Views of programme control: parse input, call one service or selector, render."""
