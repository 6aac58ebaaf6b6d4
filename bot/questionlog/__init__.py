"""The question log: what people asked, stored (store), written off the event loop (writer)
and summed up for maintainers (report)."""
