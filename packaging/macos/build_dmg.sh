#!/usr/bin/env bash
# macOS: build Scheduler.app with PyInstaller and wrap it in a .dmg.
#   .venv/bin/pip install -e '.[package]' && bash packaging/macos/build_dmg.sh
set -euo pipefail
cd "$(dirname "$0")/../.."
python packaging/build.py
app=packaging/dist/Scheduler.app
"$app/Contents/MacOS/scheduler-app" self-test
staging=$(mktemp -d)
cp -R "$app" "$staging/"
ln -s /Applications "$staging/Applications"
hdiutil create -volname Scheduler -srcfolder "$staging" -ov -format UDZO \
  packaging/dist/Scheduler.dmg
echo "packaging/dist/Scheduler.dmg"
