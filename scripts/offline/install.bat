@echo off
rem Cai dat CCHC @@VERSION@@ tu thu muc nay, khong can mang: tao thu muc venv canh tep nay
rem roi cai cac goi trong wheels\windows. Chay lai de nang cap; du lieu khong bi dong den.
setlocal
cd /d "%~dp0"
set "PY="
for %%V in (@@PYTHONS@@) do call :try_py %%V
if not defined PY call :try_python
if not defined PY goto no_python
echo Dung Python: %PY%

if exist "venv\Scripts\python.exe" (
    "venv\Scripts\python.exe" -c "import sys" >nul 2>nul || rmdir /s /q venv
)
if not exist "venv\Scripts\python.exe" %PY% -m venv venv
if not exist "venv\Scripts\python.exe" goto venv_failed
"venv\Scripts\python.exe" -m pip install --no-index --find-links "%~dp0wheels\windows" --upgrade --disable-pip-version-check cchc-tui
if errorlevel 1 goto pip_failed
"venv\Scripts\cchc.exe" --version
echo.
echo Da cai xong. Mo chuong trinh: nhay dup vao cchc.bat
pause
exit /b 0

:try_py
if defined PY exit /b 0
py -%1 -c "import sys" >nul 2>nul
if not errorlevel 1 set "PY=py -%1"
exit /b 0

:try_python
python -c "import sys; sys.exit(0 if sys.version_info[:2] in @@PYTHON_TUPLES@@ else 1)" >nul 2>nul
if not errorlevel 1 set "PY=python"
exit /b 0

:no_python
echo Loi: may chua co Python phu hop. Hay cai Python 64-bit, mot trong cac phien ban
echo @@PYTHONS_TEXT@@ (tep python-3.x.y-amd64.exe), roi chay lai install.bat.
pause
exit /b 1

:venv_failed
echo Loi: khong tao duoc thu muc venv. Kiem tra quyen ghi vao thu muc nay
echo (chep bo cai vao o dia cua may, vi du C:\CCHC), roi chay lai install.bat.
pause
exit /b 1

:pip_failed
echo Loi: cai dat khong thanh cong (xem dong bao loi o tren). Xoa thu muc venv
echo roi chay lai install.bat; neu van loi, bao cho can bo CNTT kem anh chup man hinh.
pause
exit /b 1
