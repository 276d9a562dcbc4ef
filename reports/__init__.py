"""The report pack: charts (PNG), an Excel 报表 and a Word 工作总结 draft, read from the marts.

Importing this package is cheap: matplotlib, xlsxwriter and python-docx are imported by the modules
that need them (`reports.charts`, `reports.excel_report`, `reports.word_report`), not here.

    from taizhang.reports.pack import render_pack
    render_pack(con, as_of, home.reports)   # → <reports>/<as_of>/…
"""
