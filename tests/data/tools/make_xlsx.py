#!/usr/bin/env python3
"""Writes the XLSX test files of tests/data the way Excel does: shared
strings, a styles part with a date format for birth dates, an inline string,
a gap between cells. Run from tests/data: python3 tools/make_xlsx.py"""
import zipfile

CT = '''<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/><Override PartName="/xl/sharedStrings.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/><Override PartName="/xl/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/></Types>'''
RELS = '''<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>'''
WB = '''<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><workbookPr/><sheets><sheet name="{name}" sheetId="1" r:id="rId7"/></sheets></workbook>'''
WBRELS = '''<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId9" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/><Relationship Id="rId8" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings" Target="sharedStrings.xml"/><Relationship Id="rId7" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/></Relationships>'''
STYLES = '''<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><numFmts count="1"><numFmt numFmtId="164" formatCode="dd\\.mm\\.yyyy;@"/></numFmts><fonts count="1"><font><sz val="11"/><name val="Calibri"/></font></fonts><fills count="1"><fill><patternFill patternType="none"/></fill></fills><borders count="1"><border/></borders><cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs><cellXfs count="3"><xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/><xf numFmtId="14" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/><xf numFmtId="164" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/></cellXfs></styleSheet>'''


def col(i):
    s = ''
    i += 1
    while i:
        i, r = divmod(i - 1, 26)
        s = chr(65 + r) + s
    return s


def esc(t):
    return t.replace('&', '&amp;').replace('<', '&lt;').replace('>', '&gt;')


def write(path, sheet_name, rows):
    """rows: lists of cells; a cell is str, int, ('date', serial, style), ('inline', str) or None (a gap)."""
    shared, index = [], {}
    out = []
    for r, row in enumerate(rows, start=1):
        cells = []
        for c, v in enumerate(row):
            ref = f'{col(c)}{r}'
            if v is None:
                continue
            if isinstance(v, tuple) and v[0] == 'date':
                cells.append(f'<c r="{ref}" s="{v[2]}"><v>{v[1]}</v></c>')
            elif isinstance(v, tuple) and v[0] == 'inline':
                cells.append(f'<c r="{ref}" t="inlineStr"><is><t>{esc(v[1])}</t></is></c>')
            elif isinstance(v, (int, float)):
                cells.append(f'<c r="{ref}"><v>{v}</v></c>')
            else:
                if v not in index:
                    index[v] = len(shared)
                    shared.append(v)
                cells.append(f'<c r="{ref}" t="s"><v>{index[v]}</v></c>')
        out.append(f'<row r="{r}">{"".join(cells)}</row>')
    sheet = ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
             '<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>'
             + ''.join(out) + '</sheetData></worksheet>')
    sst = ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
           f'<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" count="{len(shared)}" uniqueCount="{len(shared)}">'
           + ''.join(f'<si><t xml:space="preserve">{esc(s)}</t></si>' for s in shared) + '</sst>')
    with zipfile.ZipFile(path, 'w', zipfile.ZIP_DEFLATED) as z:
        z.writestr('[Content_Types].xml', CT)
        z.writestr('_rels/.rels', RELS)
        z.writestr('xl/workbook.xml', WB.replace('{name}', sheet_name))
        z.writestr('xl/_rels/workbook.xml.rels', WBRELS)
        z.writestr('xl/styles.xml', STYLES)
        z.writestr('xl/sharedStrings.xml', sst)
        z.writestr('xl/worksheets/sheet1.xml', sheet)


HEAD = ['Фамилия', 'Имя', 'Отчество', 'Дата рождения', 'Пол', 'Класс', 'Фамилия родителя', 'Имя родителя',
        'Отчество родителя', 'Кем приходится', 'Телефон', 'E-mail']
# 42073 = 2015-03-10 (Excel 1900 system); 42186 = 2015-07-01
write('roster.xlsx', 'Список учащихся', [
    HEAD,
    ['Григорьев', 'Матвей', 'Олегович', ('date', 42073, 1), 'м', '5Д', 'Григорьева', 'Анна', 'Павловна', 'мать',
     89120000001, 'grigorieva@example.ru'],
    ['Дёмина', 'Софья', ('inline', 'Андреевна'), ('date', 42186, 2), 'ж', '5Д', 'Дёмин', 'Андрей', 'Ильич', 'отец',
     None, None],
    [],
    ['Зуев', 'Лев', None, '15.09.2014', 'м', '5Д', 'Зуева', 'Ирина', 'Олеговна', 'мать', '+7 (912) 000-00-03', None],
])
write('staff.xlsx', 'Сотрудники', [
    ['Фамилия', 'Имя', 'Отчество', 'Должность', 'Роль', 'E-mail', 'Телефон'],
    ['Кузнецова', 'Валентина', 'Ивановна', 'учитель физики', 'учитель', 'kuznetsova@example.ru', '89120000010'],
    ['Морозов', 'Павел', 'Андреевич', 'заместитель директора по УВР', 'завуч', None, None],
])
# A Word document renamed to .xlsx.
with zipfile.ZipFile('document_named.xlsx', 'w') as z:
    z.writestr('[Content_Types].xml', CT)
    z.writestr('word/document.xml', '<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"/>')
with open('text_named.xlsx', 'w', encoding='utf-8') as f:
    f.write('Фамилия;Имя\nИванов;Иван\n')
