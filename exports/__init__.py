"""Files made from summaries: xlsx workbooks, docx reports, PNG charts.

The renderers (xlsx, docx, chart) take plain data in and give bytes out; ``files`` asks the
domain for the data, checks who asks and records the export. Nothing here knows Telegram.
"""

XLSX_MIME = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
DOCX_MIME = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
PNG_MIME = "image/png"
