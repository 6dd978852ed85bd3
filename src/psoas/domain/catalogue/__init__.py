"""Exercises, doses, key poses and the catalogue that holds them; the stick
figure that draws a key pose."""
