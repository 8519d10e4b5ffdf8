"""What people read and download: charts, exports (CSV, XLSX) and the template workbook."""
