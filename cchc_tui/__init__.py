"""cchc-tui: theo dõi và báo cáo Kế hoạch 56/KH-UBND cho cán bộ đầu mối."""

__version__ = "0.3.0"
