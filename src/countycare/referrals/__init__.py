"""Referral networks: records, direction, the flow network, its analyses and measures."""
