@echo off
rem Mo chuong trinh CCHC. Cua so can it nhat 80 cot x 24 dong; tep nay dat 100 x 30.
rem Trong Windows Terminal (co bien WT_SESSION) kich thuoc do Windows Terminal quyet dinh.
setlocal
if not exist "%~dp0venv\Scripts\cchc.exe" (
    echo Chua cai dat. Nhay dup vao install.bat truoc.
    pause
    exit /b 1
)
if not defined WT_SESSION mode con: cols=100 lines=30
"%~dp0venv\Scripts\cchc.exe" %*
if errorlevel 1 pause
