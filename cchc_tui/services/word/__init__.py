"""The Word reports (Nghị định 30/2020): layout, the agency's and the office's documents."""
