"""Files made from summaries: xlsx workbooks, docx reports, PNG charts.

Plain data in, bytes out: nothing here reads the database or knows Telegram.
"""

XLSX_MIME = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
DOCX_MIME = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
PNG_MIME = "image/png"
