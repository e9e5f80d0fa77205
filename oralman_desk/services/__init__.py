"""Services: the only writers. They take plain values, validate, write one transaction with its
audit record, and return what changed."""
