"""Interface words the terminal and Discord both show, written once."""

FOOTER_TEXT = "Quoted verbatim from the review; no text is generated."
