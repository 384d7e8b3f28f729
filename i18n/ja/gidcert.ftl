# gidcert – 日本語メッセージ。
# Sections are owned by the module named in their header; keep keys in the same order as en/.

## ---- common ----------------------------------------------------------------------------------
label-error = エラー
label-hint = 対処
err-no-config-dir = このユーザーの設定フォルダーが見つかりません。
rec-config = 設定ファイル（`gidcert config path` で場所を確認）を見直すか、削除してください。
err-config-read = 設定ファイル { $path } を読めません: { $error }
err-config-parse = 設定ファイル { $path } の内容が正しくありません: { $error }

## ---- input and PINs (src/input.rs, src/pin.rs) --------------------------------------------
err-no-terminal = PINコードが必要ですが、入力を求める端末がありません。
rec-no-terminal = --pin-stdin（標準入力の1行目にPINコード）または --pin-file PATH を指定してください。
err-cancelled = 中止しました。
err-missing-pin-line = { $source } からPINコードが { $needed } 行必要ですが、{ $got } 行しかありません。
rec-missing-pin-line = 1行に1つずつPINコードを書いてください。change-pin では古いPINコード、新しいPINコードの順です。
err-read-pin = { $source } からPINコードを読めません: { $error }
err-pin-input-too-large = { $source } はPINコードのファイルとしては大きすぎます。
rec-read-pin = PINコードを入れたファイルまたはパイプを確認してください。
err-pin-mismatch = 新しいPINコードと確認入力が一致しません。
rec-pin-mismatch = 同じ新しいPINコードを2回入力してください。
rec-pin-rule = 新しいPINコードは4～16桁で、英字(小文字)と数字だけが使えます。
pin-rule-empty = 新しいPINコードが入力されていません。
pin-rule-too-short = 新しいPINコードが { $len } 桁です。4桁以上にしてください。
pin-rule-too-long = 新しいPINコードが { $len } 桁です。16桁以下にしてください。
pin-rule-upper-case = 新しいPINコードに英大文字が含まれています。英字(小文字)と数字だけが使えます。
pin-rule-full-width = 新しいPINコードに全角文字が含まれています。半角の英字(小文字)と数字で入力してください。
pin-rule-space = 新しいPINコードに空白が含まれています。
pin-rule-other = 新しいPINコードに英字(小文字)と数字以外の文字が含まれています。
prompt-pin = PINコード
prompt-old-pin = 古いPINコード
prompt-new-pin = 新しいPINコード（英字(小文字)と数字で4～16桁）
prompt-new-pin-again = 新しいPINコード（確認）

## ---- files (src/fsutil.rs) ------------------------------------------------------------------
err-fs-no-folder = フォルダー { $path } がありません。
rec-fs-no-folder = 存在するフォルダーを指定してください（USBメモリは差し込まれていますか）。
err-fs-not-a-folder = { $path } はフォルダーではありません。
err-fs-read-only = { $path } に書き込めません。読み取り専用か、権限がありません。
rec-fs-read-only = 別のフォルダーを指定するか、USBメモリの書き込み禁止スイッチを確認してください。
err-fs-disk-full = { $path } のドライブに空き容量がありません。
rec-fs-disk-full = 空き容量を確保するか、別のドライブを指定してください。
err-fs-exists = { $path } は既にあります。上書きしていません。
rec-fs-exists = 別の名前を指定するか、置き換えるときは --force を指定してください。
err-fs-not-found = ファイル { $path } がありません。
rec-fs-not-found = パスを確認してください。`gidcert scan` で電子証明書ファイルを探せます。
err-fs-too-large = { $path } は { $len } バイトあり、電子証明書ファイルとしては大きすぎます。
rec-fs-too-large = 数キロバイトの電子証明書ファイル（.p12）を指定しているか確認してください。
err-fs-verify = { $path } に書き込んだ内容を読み返すと一致しませんでした。このファイルは残していません。
err-fs-write = { $path } に書き込めません: { $error }
rec-fs-write = 何も置き換えていません。ドライブ（取り外されていないか）を確認して、もう一度実行してください。
err-fs-read = { $path } を読めません: { $error }

## ---- keystore (src/keystore/) ---------------------------------------------------------------
err-ks-too-large = ファイルが { $len } バイトあり、電子証明書ファイル（.p12）としては大きすぎるため読み込みませんでした。
err-ks-empty = ファイルが空です（0 バイト）。
err-ks-pem-certificate = これは PEM 形式の証明書（{ $label }）で、.p12 ファイルではありません。秘密鍵が入っていません。
err-ks-pem-key = これは PEM 形式の鍵ファイル（{ $label }）で、.p12 ファイルではありません。
err-ks-pem-other = これは PEM 形式のファイル（{ $label }）で、.p12 ファイルではありません。
err-ks-base64 = これは Base64 のテキストで、.p12 ファイルではありません（.p12 をテキストとして貼り付けたものかもしれません）。
err-ks-der-certificate = これは証明書だけのファイル（DER 形式）で、.p12 ファイルではありません。秘密鍵が入っていません。
err-ks-not-pkcs12 = これは PKCS#12（.p12）ファイルではありません。
err-ks-corrupt = .p12 ファイルが壊れているか、途中で切れています。
err-ks-damaged = PINコードでは開けましたが、.p12 ファイルの改ざん検知（MAC）に失敗しました。保存後に変更されたか壊れています。
err-ks-wrong-pin = PINコードが違うため、このファイルを開けません。
err-ks-unsupported = このファイルは gidcert が対応していない方式（{ $algorithm }）を使っています。
err-ks-no-private-key = このファイルには秘密鍵が入っていません（証明書だけです）。
err-ks-no-certificate = このファイルには秘密鍵はありますが、その電子証明書が入っていません。
err-ks-key-mismatch = このファイルの電子証明書は、どれも秘密鍵と対応していません。
rec-ks-pick-p12 = ダウンロード時に保存した電子証明書ファイル（.p12）を指定してください。`gidcert scan` で探せます。
rec-ks-base64 = 先にデコードする（例: `base64 -d ファイル > file.p12`）か、元の .p12 ファイルを指定してください。
rec-ks-not-the-p12 = 書き出した証明書ではなく、ダウンロード時に保存した .p12 ファイルを指定してください。
rec-ks-corrupt = バックアップしたファイルを使ってください。残っていないときは、電子証明書を再度申請してください。
rec-ks-wrong-pin = ファイルを保存したときに設定したPINコードを半角で入力してください（大文字・小文字は区別されます）。間違えてもファイルはロックされません。
rec-ks-unsupported = 新しいソフトウェア（例: `openssl pkcs12`）でファイルを書き出し直してから、もう一度実行してください。
rec-ks-no-private-key = 秘密鍵の入った、ダウンロード時に保存した .p12 ファイルを指定してください。
rec-ks-key-mismatch = ファイルの内容が不整合です。ダウンロード時に保存した .p12 ファイルのバックアップを使ってください。

## ---- certificate view and show (src/certview.rs, src/commands/show.rs) ----------------------

## ---- download (src/protocol/, src/commands/download.rs) --------------------------------------

## ---- change-pin (src/commands/change_pin.rs) -------------------------------------------------

## ---- backup and scan (src/commands/backup.rs, src/commands/scan.rs, src/drives.rs) -----------

## ---- demo (src/commands/demo.rs) -------------------------------------------------------------

## ---- end ---------------------------------------------------------------------------------------
