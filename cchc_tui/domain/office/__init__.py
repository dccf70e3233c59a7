"""Rules of the receiving office (Sở Nội vụ) that need neither the database nor the UI."""
