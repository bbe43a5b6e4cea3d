"""Report models arrive with the BÁO CÁO issue; the app exists now so the layout is stable."""
