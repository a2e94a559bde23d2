"""Facts across sources: values read from claims, compared per topic (F101-F105)."""
