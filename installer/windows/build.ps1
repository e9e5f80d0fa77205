# Build the Windows installer on a Windows machine: dist\OralmanDesk-<version>-setup.exe
#
#   powershell -ExecutionPolicy Bypass -File installer\windows\build.ps1
#
# Needs Python 3.11+ (the py launcher, or set PYTHON to a python.exe) and Inno Setup 6.5+
# (https://jrsoftware.org/isdl.php, or: choco install innosetup). Makes .venv in the checkout if
# there is none, installs the project with its build extra, then runs installer\build.py.
$ErrorActionPreference = "Stop"
Set-Location (Resolve-Path "$PSScriptRoot\..\..")

function Assert-Ok { if ($LASTEXITCODE -ne 0) { throw "the last command failed (exit code $LASTEXITCODE)" } }

if (-not (Test-Path ".venv\Scripts\python.exe")) {
    if ($env:PYTHON) { & $env:PYTHON -m venv .venv } else { py -3.11 -m venv .venv }
    Assert-Ok
}
.venv\Scripts\python.exe -m pip install --upgrade pip; Assert-Ok
.venv\Scripts\python.exe -m pip install -e ".[build]"; Assert-Ok
.venv\Scripts\python.exe installer\build.py; Assert-Ok
