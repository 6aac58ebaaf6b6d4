"""The question log: what people asked, stored, written off the event loop and reported."""
