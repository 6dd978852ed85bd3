"""Optional adapters that read photos: decoding, the pose model and the annotated copy.

They need the ``camera`` extra (``pip install "psoas[camera]"``); nothing here is imported
unless a photo is measured, and nothing is downloaded: the model files ship in the installed
packages.
"""
